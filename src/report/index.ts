/** The reporters: pure functions from a threat model to a string. */
import type { ThreatModel } from '../engine/threat-model.js';
import { renderJson } from './json.js';
import { renderTerminal } from './terminal.js';

export const REPORT_FORMATS = ['terminal', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
}

export function renderReport(model: ThreatModel, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(model);
    case 'terminal':
      return renderTerminal(model, { color: options.color });
  }
}
