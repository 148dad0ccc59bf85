/** The threat-model diff: read two sides, compare them, render the result. */
import type { ThreatModelDiff } from './types.js';
import { renderDiffMarkdown } from './render-markdown.js';
import { renderDiffText } from './render-text.js';
import type { DiffGate } from './words.js';

export { diffAtOrAbove, diffThreatModels, gateFailures } from './compare.js';
export { isKubethreatReport, NotAReportError, readComparable } from './read-report.js';
export type { ComparableReport, ThreatModelDiff } from './types.js';
export type { DiffGate } from './words.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export function renderDiff(diff: ThreatModelDiff, format: DiffFormat, gate?: DiffGate): string {
  switch (format) {
    case 'text':
      return renderDiffText(diff, gate);
    case 'markdown':
      return renderDiffMarkdown(diff, gate);
    case 'json':
      return `${JSON.stringify(gate ? { ...diff, gate: { failOn: gate.threshold, failures: gate.failures.map((finding) => finding.fingerprint) } } : diff, null, 2)}\n`;
  }
}
