/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. One run; the rule table is generated from the rules' metadata;
 * each finding is a result at the file, line and column of the offending field, fingerprinted by what it is about
 * (so a reformatted or moved manifest keeps its alerts), with `security-severity` so code scanning ranks it.
 */
import type { AcceptedFinding, Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import type { InputProblem } from '../load/problems.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import { BOUNDARY_TITLES, STRIDE_TITLES, type Severity } from '../taxonomy/index.js';
import { isFile, relatedLocation, rulesOf, type RuleInfo } from './present.js';
import { jsonChunks } from './json-chunks.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The fingerprint's key in `partialFingerprints`, versioned as the SARIF spec asks (§3.27.17). */
export const FINGERPRINT_KEY = 'kubethreatFindingId/v1';

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

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

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
        results: streamed<Finding | AcceptedFinding>({
          items: [...model.findings, ...(model.accepted ?? [])],
          render: (finding) =>
            'acceptance' in finding
              ? { ...sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0), suppressions: [suppression(finding)] }
              : sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0),
          oneLine: true,
        }),
        properties: {
          scope: { objects: model.scope.objects, workloads: model.scope.workloads, namespaces: model.scope.namespaces, clusters: model.scope.clusters },
          summary: model.summary,
          platformFindingsHidden: model.platform.hidden,
        },
      },
    ],
  }));
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

function sarifResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const related: Array<Record<string, unknown>> = [];
  let text = sarifText(finding.message);
  if (finding.location.helmTemplate) {
    // The rendered manifest is where the result is detected (its location); the template is where people fix it,
    // a related location the message links to. It has no region: template lines differ from rendered ones.
    related.push({ id: 1, physicalLocation: { artifactLocation: { uri: fileUri(finding.location.helmTemplate) } }, message: { text: 'The Helm template this object is rendered from.' } });
    text += ` Rendered from the Helm template [${sarifText(finding.location.helmTemplate)}](1).`;
  }
  for (const ref of finding.related) {
    const location = relatedLocation(ref);
    related.push({ id: related.length + 1, ...(location ? objectLocation(location, ref) : { logicalLocations: [logicalLocation(ref)] }), message: { text: sarifText(objectKey(ref)) } });
  }
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text },
    locations: [objectLocation(finding.location, finding.object)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      boundary: finding.boundary,
      stride: finding.stride,
      object: objectKey(finding.object),
      path: finding.path,
      ...(finding.container !== undefined ? { container: finding.container } : {}),
      remediation: finding.remediation,
      ...(finding.platform ? { platform: true } : {}),
      ...(finding.persistence ? { persistence: true } : {}),
    },
  };
  if (related.length > 0) result.relatedLocations = related;
  return result;
}

/**
 * Plain message text: SARIF reads `[text](target)` as an embedded link, so literal brackets and backslashes are
 * escaped (§3.11.6): a name like `[x](javascript:…)` stays text.
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, (char) => `\\${char}`);
}

function objectLocation(location: Location, object: ObjectRef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isFile(location.file)) {
    out.physicalLocation = {
      artifactLocation: { uri: fileUri(location.file) },
      region: { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) },
    };
  }
  out.logicalLocations = [logicalLocation(object)];
  return out;
}

function logicalLocation(ref: ObjectRef): Record<string, unknown> {
  return { name: ref.name, fullyQualifiedName: objectKey(ref), kind: 'resource' };
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

/** A relative path stays a relative URI reference (resolved against the checkout, as code scanning expects). */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${slashed.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, char: string) => char.toUpperCase());
}
