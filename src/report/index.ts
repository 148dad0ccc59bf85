/** The reporters: pure functions from a threat model to a string (or, for the formats a large estate overflows, to pieces of one). */
import type { ThreatModel } from '../engine/threat-model.js';
import { renderDot } from './dot.js';
import { renderHtml } from './html/index.js';
import { jsonReportPieces, renderJson } from './json.js';
import type { ThreadedPiece } from './json-findings-threaded.js';
import { junitChunks, renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif, sarifChunks } from './sarif.js';
import { renderSvg } from './svg.js';
import { renderTerminal } from './terminal.js';

export const REPORT_FORMATS = ['terminal', 'json', 'sarif', 'html', 'markdown', 'junit', 'dot', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  color: boolean;
  /** Absolute URI of the folder with the rule pages (docs/rules/), for links from SARIF and HTML. */
  docsBaseUri?: string;
  /** Absolute URI of kubethreat's home page, for SARIF's tool.driver.informationUri. */
  informationUri?: string;
}

export const TERMINAL_INSTANCES_PER_RULE = 10;

/** Async because the SVG renderer loads Graphviz (WebAssembly) on first use; every other format is synchronous. */
export async function renderReport(model: ThreatModel, format: ReportFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return renderJson(model);
    case 'terminal':
      // A terminal is read, not searched: a few instances per threat, the rest counted (JSON and HTML list them all).
      return renderTerminal(model, { color: options.color, maxInstancesPerRule: TERMINAL_INSTANCES_PER_RULE });
    case 'sarif':
      return renderSarif(model, { docsBaseUri: options.docsBaseUri, informationUri: options.informationUri });
    case 'html':
      return renderHtml(model);
    case 'markdown':
      return renderMarkdown(model);
    case 'junit':
      return renderJunit(model);
    case 'dot':
      return renderDot(model);
    case 'svg':
      return renderSvg(model);
  }
}

/**
 * The report as pieces to write one after the other: JSON, SARIF and JUnit are produced lazily, so a report larger
 * than the longest string V8 can hold (the findings of a 50,000-pod cluster) is still written; other formats, which
 * show a bounded number of findings, are one piece.
 * The findings of a large JSON report are a piece that a worker thread can write (./json-findings-threaded.ts).
 */
export async function reportChunks(model: ThreatModel, format: ReportFormat, options: RenderOptions): Promise<Iterable<string | ThreadedPiece>> {
  if (format === 'json') return jsonReportPieces(model);
  if (format === 'sarif') return sarifChunks(model, { docsBaseUri: options.docsBaseUri, informationUri: options.informationUri });
  if (format === 'junit') return junitChunks(model);
  return [await renderReport(model, format, options)];
}
