/** `--format json`: the threat model as documented in docs/report-schema.json (versioned by schemaVersion). */
import type { ThreatModel } from '../engine/threat-model.js';
import type { AcceptedFinding, Finding } from '../engine/finding.js';
import { jsonChunks, type Placeholder } from './json-chunks.js';
import { FindingTexts } from './json-finding-texts.js';
import { FindingBlockWriter } from './json-finding-blocks.js';
import { escapeControls, jsonAcceptance } from './json-values.js';
import { FindingsList, type ThreadedPiece } from './json-findings-threaded.js';

export { escapeControls, jsonAcceptance } from './json-values.js';

export function jsonFinding(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    boundary: finding.boundary,
    stride: finding.stride,
    object: finding.object,
  };
  if (finding.container !== undefined) out.container = finding.container;
  if (finding.admittedIn !== undefined) out.admittedIn = finding.admittedIn;
  out.path = finding.path;
  out.location = finding.location;
  out.related = finding.related;
  out.message = finding.message;
  out.remediation = finding.remediation;
  out.fingerprint = finding.fingerprint;
  if (finding.platform) out.platform = true;
  if (finding.persistence) out.persistence = true;
  if (finding.risk) out.risk = finding.risk;
  if (finding.expiredAcceptance) out.expiredAcceptance = jsonAcceptance(finding.expiredAcceptance);
  return out;
}

/**
 * JSON.stringify(jsonFinding(finding)) with controls escaped (escapeControls), built faster (./json-finding-texts.ts):
 * what the findings of a rule repeat and the values they share are stringified and escaped once, when `texts` is
 * kept from finding to finding. A large estate has hundreds of thousands of findings.
 */
export function findingJsonText(finding: Finding, texts: FindingTexts = new FindingTexts()): string {
  const block = texts.describe([finding], 0, 1);
  const parts: string[] = [];
  new FindingBlockWriter(block, texts.texts).write(0, parts);
  return parts.join('');
}

export function renderJson(model: ThreatModel): string {
  return [...jsonReportChunks(model)].join('');
}

/** The JSON report in pieces (a large estate's report is longer than the longest string V8 can hold). */
export function jsonReportChunks(model: ThreatModel): Generator<string> {
  return jsonChunks((streamed) => jsonDocument(model, streamed, (inner, indent) => (model.findings.length === 0 ? ['[]'] : new FindingsList(model.findings, inner, indent).chunks())), escapeControls);
}

/**
 * jsonReportChunks, with the findings list as a piece a worker thread can write when there are at least
 * `twoThreadsFrom` findings (./json-findings-threaded.ts).
 */
export function* jsonReportPieces(model: ThreatModel, twoThreadsFrom = FINDINGS_ON_TWO_THREADS): Generator<string | ThreadedPiece> {
  if (model.findings.length === 0 || model.findings.length < twoThreadsFrom) {
    yield* jsonReportChunks(model);
    return;
  }
  yield* jsonChunks<ThreadedPiece>((streamed) => jsonDocument(model, streamed, (inner, indent) => [new FindingsList(model.findings, inner, indent)]), escapeControls);
}

/**
 * Below this many findings the report's findings are written on one thread: starting the worker costs about 50 ms,
 * and 100,000 findings take about 0.6 s to write (a 20,000-pod cluster).
 */
export const FINDINGS_ON_TWO_THREADS = 100_000;

function jsonDocument<C>(model: ThreatModel, streamed: Placeholder<C>, findings: (inner: string, indent: string) => Iterable<string | C>): unknown {
  const { findings: _findings, ...rest } = model;
  return {
    schemaVersion: rest.schemaVersion,
    tool: rest.tool,
    generatedAt: rest.generatedAt,
    scope: rest.scope,
    summary: rest.summary,
    findings: streamed({ chunks: findings }),
    accepted: streamed({ items: rest.accepted ?? [], render: (finding: AcceptedFinding) => ({ ...jsonFinding(finding), acceptance: jsonAcceptance(finding.acceptance) }), oneLine: true }),
    controls: rest.controls,
    workloads: streamed({ items: rest.workloads, render: (workload) => workload, oneLine: true }),
    nodeBoundary: rest.nodeBoundary,
    platform: rest.platform,
    problems: streamed({ items: rest.problems, render: (problem) => problem, oneLine: true }),
    rules: rest.rules,
    ...(rest.attackPaths ? { attackPaths: rest.attackPaths } : {}),
    ...(rest.attackGraph ? { attackGraph: rest.attackGraph } : {}),
  };
}
