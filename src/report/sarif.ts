/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. One run; the rule table is generated from the rules' metadata;
 * each finding is a result at the file, line and column of the offending field, fingerprinted by what it is about
 * (so a reformatted or moved manifest keeps its alerts), with `security-severity` so code scanning ranks it.
 */
import type { AcceptedFinding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import type { InputProblem } from '../load/problems.js';
import { BOUNDARY_TITLES, STRIDE_TITLES, type Severity } from '../taxonomy/index.js';
import { isFile, rulesOf, type RuleInfo } from './present.js';
import { fileUri, sarifLevel, sarifResult, sarifText } from './sarif-result.js';
import { SarifResultTexts } from './sarif-result-text.js';
import { BATCH, jsonChunks } from './json-chunks.js';
import { escapedJson } from './json-finding-blocks.js';
import { escapeControls } from './json-values.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** Absolute URI of the folder holding docs/rules/<id>.md; rules get a helpUri only when it is known. */
  docsBaseUri?: string;
  /** Absolute URI of kubethreat's home page, for tool.driver.informationUri. */
  informationUri?: string;
}

/** GitHub code scanning's scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export function renderSarif(model: ThreatModel, options: SarifOptions = {}): string {
  return [...sarifChunks(model, options)].join('');
}

/** The SARIF log in pieces (the results of a large estate are longer than the longest string V8 can hold). */
export function sarifChunks(model: ThreatModel, options: SarifOptions = {}): Generator<string> {
  const rules = rulesOf(model);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return jsonChunks((streamed) => ({
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubethreat',
            version: model.tool.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(model.tool.version) ? model.tool.version : undefined,
            informationUri: options.informationUri,
            rules: rules.map((rule) => sarifRule(rule, options)),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: model.generatedAt,
            toolExecutionNotifications: model.problems.map(notification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        // Accepted risks stay in the log as suppressed results, so code scanning shows them dismissed, not fixed.
        results: streamed({ chunks: (inner, indent) => resultChunks(model, (id) => ruleIndex.get(id) ?? 0, inner, indent) }),
        properties: {
          scope: {
            objects: model.scope.objects,
            workloads: model.scope.workloads,
            namespaces: model.scope.namespaces,
            clusters: model.scope.clusters,
            ...(model.scope.kubernetesVersions ? { kubernetesVersions: model.scope.kubernetesVersions } : {}),
          },
          summary: model.summary,
          platformFindingsHidden: model.platform.hidden,
        },
      },
    ],
  }), escapeControls);
}

/**
 * The results, one a line: the findings, then the accepted risks, which stay in the log as suppressed results, so
 * that code scanning shows them dismissed, not fixed. A finding's line is written by SarifResultTexts, in pieces of
 * BATCH lines (./json-chunks.ts).
 */
function* resultChunks(model: ThreatModel, ruleIndex: (ruleId: string) => number, inner: string, indent: string): Generator<string> {
  const accepted = model.accepted ?? [];
  if (model.findings.length + accepted.length === 0) {
    yield '[]';
    return;
  }
  const texts = new SarifResultTexts(ruleIndex);
  let batch: string[] = [];
  let count = 0;
  const line = (text: string): string | undefined => {
    batch.push(count === 0 ? '[\n' : ',\n', inner, text);
    if (++count % BATCH !== 0) return undefined;
    const piece = batch.join('');
    batch = [];
    return piece;
  };
  for (const finding of model.findings) {
    const piece = line(texts.text(finding));
    if (piece !== undefined) yield piece;
  }
  for (const finding of accepted) {
    const piece = line(escapedJson({ ...sarifResult(finding, ruleIndex(finding.ruleId)), suppressions: [suppression(finding)] }));
    if (piece !== undefined) yield piece;
  }
  batch.push(`\n${indent}]`);
  yield batch.join('');
}

function sarifRule(rule: RuleInfo, options: SarifOptions): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sarifText(rule.title) },
    fullDescription: { text: sarifText(rule.rationale || rule.title) },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    help: { text: sarifText(helpText(rule)), markdown: helpMarkdown(rule) },
    properties: {
      tags: ['security', 'kubernetes', `boundary:${rule.boundary}`, ...rule.stride.map((category) => `stride:${category}`), ...(rule.references.attack ?? []).map((id) => `attack:${id}`)],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      'problem.severity': sarifProblemSeverity(rule.severity),
      boundary: rule.boundary,
      stride: rule.stride,
      severity: rule.severity,
    },
  };
  if (options.docsBaseUri) descriptor.helpUri = `${options.docsBaseUri.replace(/\/?$/, '/')}${rule.id}.md`;
  return descriptor;
}

/** CodeQL's problem.severity vocabulary: error, warning, recommendation. */
function sarifProblemSeverity(severity: Severity): string {
  const level = sarifLevel(severity);
  return level === 'note' ? 'recommendation' : level;
}

function helpText(rule: RuleInfo): string {
  const parts = [rule.title, rule.rationale, rule.remediation ? `Measure: ${rule.remediation}` : '', referenceLines(rule).join('\n'), `Documentation: docs/rules/${rule.id}.md`];
  return parts.filter(Boolean).join('\n\n');
}

function helpMarkdown(rule: RuleInfo): string {
  const lines = [
    `**${rule.title}** · ${BOUNDARY_TITLES[rule.boundary]} · ${rule.stride.map((category) => STRIDE_TITLES[category]).join(', ')} · severity ${rule.severity}`,
    '',
    rule.rationale,
    '',
    '**Measure.** ' + rule.remediation,
  ];
  const references = referenceLines(rule);
  if (references.length > 0) lines.push('', '**References**', '', ...references.map((line) => `- ${line}`));
  lines.push('', `See [docs/rules/${rule.id}.md](docs/rules/${rule.id}.md).`);
  return lines.join('\n');
}

function referenceLines(rule: RuleInfo): string[] {
  const refs = rule.references;
  const lines: string[] = [];
  if (refs.attack?.length) lines.push(`MITRE ATT&CK: ${refs.attack.join(', ')}`);
  if (refs.microsoft?.length) lines.push(`Microsoft threat matrix for Kubernetes: ${refs.microsoft.join(', ')}`);
  if (refs.pss) lines.push(`Pod Security Standards: ${refs.pss}`);
  if (refs.cis?.length) lines.push(`CIS Kubernetes Benchmark: ${refs.cis.join(', ')}`);
  if (refs.cwe?.length) lines.push(`CWE: ${refs.cwe.join(', ')}`);
  for (const link of refs.links ?? []) lines.push(link);
  return lines;
}

function suppression(finding: AcceptedFinding): Record<string, unknown> {
  const { acceptance } = finding;
  return {
    // An annotation on the object sits in the source; a .kubethreat.yaml entry is kept outside it.
    kind: acceptance.source.via === 'annotation' ? 'inSource' : 'external',
    status: 'accepted',
    justification: `${acceptance.reason} (accepted until ${acceptance.expires}${acceptance.owner ? `, owner ${acceptance.owner}` : ''})`,
    location: { physicalLocation: { artifactLocation: { uri: fileUri(acceptance.source.file) }, region: { startLine: Math.max(acceptance.source.line, 1), startColumn: Math.max(acceptance.source.column, 1) } } },
  };
}

function notification(problem: InputProblem): Record<string, unknown> {
  const text = [problem.message, problem.skipped ? `(skipped: ${problem.skipped})` : '', problem.hint ?? ''].filter(Boolean).join(' ');
  const out: Record<string, unknown> = { level: problem.severity === 'error' ? 'error' : problem.severity === 'warning' ? 'warning' : 'note', message: { text: sarifText(text) } };
  if (isFile(problem.file)) {
    const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: fileUri(problem.file) } };
    if (problem.line !== undefined) physicalLocation.region = { startLine: Math.max(1, problem.line), ...(problem.column !== undefined ? { startColumn: Math.max(1, problem.column) } : {}) };
    out.locations = [{ physicalLocation }];
  }
  return out;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, char: string) => char.toUpperCase());
}
