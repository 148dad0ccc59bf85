/** `--format json`: the threat model as documented in docs/report-schema.json (versioned by schemaVersion). */
import type { ThreatModel } from '../engine/threat-model.js';
import type { AcceptedFinding, Finding } from '../engine/finding.js';
import type { Acceptance } from '../config/types.js';
import { jsonChunks } from './json-chunks.js';
import { RuleFinding, compiledTemplate, placeholderText, type CompiledTemplate } from '../engine/rule-finding.js';
import { hashHex } from '../engine/fingerprint.js';

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

/** What findingJsonText remembers between findings: what each rule's findings repeat, and shared values' JSON. */
export interface JsonTextCache {
  /** ruleId → severity → `{"ruleId":…,"title":…,"severity":…,"boundary":…,"stride":…,"object":` */
  heads: Map<string, Map<string, string>>;
  /**
   * Object refs are shared by the findings of one object (src/engine/run-rules.ts), and so is the location of an object
   * of a large dump: its entry holds the JSON of both, one lookup for the two (800,000 findings at 150,000 pods).
   */
  objects: Map<object, ObjectText>;
  /** Locations and risks are shared between findings (src/engine/run-rules.ts, src/graph/risk.ts). */
  shared: Map<object, string>;
  /** Paths and remediations are shared strings: a rule reports the same few fields, with one measure, on every workload. */
  strings: Map<string, string>;
  /** The last risk written and its JSON: consecutive findings (one rule's, object after object) mostly share it. */
  lastRisk: object | undefined;
  lastRiskText: string;
  /** A message template's literals, escaped: an engine finding's message is written from them and its data. */
  templates: Map<CompiledTemplate, EscapedTemplate>;
}

interface EscapedTemplate {
  literals: string[];
  /** Each placeholder as written, for data that lacks its key. */
  written: string[];
}

interface ObjectText {
  text: string;
  /** The first location written for the object's findings, and its JSON. */
  location: object;
  locationText: string;
}

export function jsonTextCache(): JsonTextCache {
  return { heads: new Map(), objects: new Map(), shared: new Map(), strings: new Map(), lastRisk: undefined, lastRiskText: '', templates: new Map() };
}

function objectText(cache: JsonTextCache, object: object, location: object): ObjectText {
  let entry = cache.objects.get(object);
  if (entry === undefined) cache.objects.set(object, (entry = { text: escapedJson(object), location, locationText: sharedText(cache, location) }));
  return entry;
}

function locationText(cache: JsonTextCache, entry: ObjectText, location: object): string {
  return location === entry.location ? entry.locationText : sharedText(cache, location);
}

function riskText(cache: JsonTextCache, risk: object): string {
  if (risk !== cache.lastRisk) {
    cache.lastRisk = risk;
    cache.lastRiskText = sharedText(cache, risk);
  }
  return cache.lastRiskText;
}

/**
 * The related objects as a JSON list, each element's JSON made once per ref: the refs are the shared ones of their
 * objects (src/engine/run-rules.ts), and a quarter of the findings of a large estate name some (RBAC findings name
 * their bindings and roles).
 */
function pushRelated(cache: JsonTextCache, related: readonly object[], out: string[]): void {
  if (related.length === 0) {
    out.push('[]');
    return;
  }
  out.push('[', sharedText(cache, related[0]));
  for (let index = 1; index < related.length; index++) out.push(',', sharedText(cache, related[index]));
  out.push(']');
}

function sharedText(cache: JsonTextCache, value: object): string {
  let text = cache.shared.get(value);
  if (text === undefined) cache.shared.set(value, (text = escapedJson(value)));
  return text;
}

function stringText(cache: JsonTextCache, value: string): string {
  let text = cache.strings.get(value);
  if (text === undefined) cache.strings.set(value, (text = escapedJson(value)));
  return text;
}

function escapedJson(value: unknown): string {
  return escapeControls(JSON.stringify(value));
}

/**
 * Characters JSON.stringify escapes (quote, backslash, C0 controls, lone surrogates: any surrogate, to be safe) and
 * those escapeControls adds. A text with none of them is written as it is.
 */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** escapedJson of a string; most texts need no escape, and are written without JSON.stringify and a second scan. */
function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? escapedJson(text) : `"${text}"`;
}

/** jsonString without its quotes, for a piece of a longer string. */
function jsonStringInner(text: string): string {
  return NEEDS_ESCAPING.test(text) ? escapedJson(text).slice(1, -1) : text;
}

/**
 * The message as a JSON string, in pieces. An engine finding's is written from its template, escaped once, and the
 * data that fills it, each value checked on its own: no message string is made and scanned (800,000 at 150,000
 * pods). Escaping piece by piece gives the same text: every character is escaped alone, but for a surrogate pair
 * cut in two, which a template's literal text never ends or starts with.
 */
function pushMessage(finding: Finding, cache: JsonTextCache, out: string[]): void {
  if (!readsOwnGetter(finding, 'message')) {
    out.push(jsonString(finding.message));
    return;
  }
  const compiled = compiledTemplate(finding.template);
  let escaped = cache.templates.get(compiled);
  if (escaped === undefined) {
    escaped = { literals: compiled.literals.map(jsonStringInner), written: compiled.placeholders.map((placeholder) => jsonStringInner(placeholder.written)) };
    cache.templates.set(compiled, escaped);
  }
  out.push('"', escaped.literals[0]);
  const data = finding.data;
  for (let index = 0; index < compiled.placeholders.length; index++) {
    const placeholder = compiled.placeholders[index];
    out.push(placeholder.key in data ? jsonStringInner(placeholderText(data, placeholder)) : escaped.written[index], escaped.literals[index + 1]);
  }
  out.push('"');
}

/** The fingerprint as a JSON string: an engine finding's is its rule id (lowercase words and dashes) and hex digits. */
function fingerprintText(finding: Finding): string {
  return readsOwnGetter(finding, 'fingerprint') ? `"${finding.rule.id}@${hashHex(finding.hashHigh, finding.hashLow)}"` : jsonString(finding.fingerprint);
}

/** An engine finding whose `key` is still RuleFinding's getter: a copy (findingWith) may give it a value of its own. */
function readsOwnGetter(finding: Finding, key: 'message' | 'fingerprint'): finding is RuleFinding {
  return finding instanceof RuleFinding && !Object.hasOwn(finding, key);
}

function headText(cache: JsonTextCache, finding: Finding): string {
  let bySeverity = cache.heads.get(finding.ruleId);
  if (bySeverity === undefined) cache.heads.set(finding.ruleId, (bySeverity = new Map()));
  let head = bySeverity.get(finding.severity);
  if (head === undefined) {
    head = escapeControls(`{"ruleId":${JSON.stringify(finding.ruleId)},"title":${JSON.stringify(finding.title)},"severity":"${finding.severity}","boundary":"${finding.boundary}","stride":${JSON.stringify(finding.stride)},"object":`);
    bySeverity.set(finding.severity, head);
  }
  return head;
}

/**
 * JSON.stringify(jsonFinding(finding)) with controls escaped (escapeControls), built faster: what the findings of a
 * rule repeat (title, STRIDE, remediation) and the values they share are stringified and escaped once. A large estate
 * has hundreds of thousands of findings.
 */
export function findingJsonText(finding: Finding, cache: JsonTextCache = jsonTextCache()): string {
  const parts: string[] = [];
  findingJsonParts(finding, cache, parts);
  return parts.join('');
}

/** findingJsonText in pieces pushed onto `out`: joined once per batch, they make no intermediate strings. */
export function findingJsonParts(finding: Finding, cache: JsonTextCache, out: string[]): void {
  const object = objectText(cache, finding.object, finding.location);
  out.push(headText(cache, finding), object.text);
  if (finding.container !== undefined) out.push(',"container":', jsonString(finding.container));
  out.push(',"path":', stringText(cache, finding.path), ',"location":', locationText(cache, object, finding.location), ',"related":');
  pushRelated(cache, finding.related, out);
  out.push(',"message":');
  pushMessage(finding, cache, out);
  out.push(',"remediation":', stringText(cache, finding.remediation), ',"fingerprint":', fingerprintText(finding));
  if (finding.platform) out.push(',"platform":true');
  if (finding.persistence) out.push(',"persistence":true');
  if (finding.risk) out.push(',"risk":', riskText(cache, finding.risk));
  if (finding.expiredAcceptance) out.push(',"expiredAcceptance":', escapedJson(jsonAcceptance(finding.expiredAcceptance)));
  out.push('}');
}

/** An accepted risk as the team wrote it, with where: the selector fields it was given, reason, expiry, owner. */
export function jsonAcceptance(acceptance: Acceptance): Record<string, unknown> {
  const out: Record<string, unknown> = { rule: acceptance.rule };
  for (const key of ['fingerprint', 'object', 'container', 'namespace'] as const) if (acceptance[key] !== undefined) out[key] = acceptance[key];
  out.reason = acceptance.reason;
  out.expires = acceptance.expires;
  if (acceptance.owner !== undefined) out.owner = acceptance.owner;
  out.source = acceptance.source;
  return out;
}

export function renderJson(model: ThreatModel): string {
  return [...jsonReportChunks(model)].join('');
}

/** The JSON report in pieces (a large estate's report is longer than the longest string V8 can hold). */
export function jsonReportChunks(model: ThreatModel): Generator<string> {
  const { findings, ...rest } = model;
  // Object refs are shared by the findings of one object (see run-rules.ts); titles and remediations by a rule's.
  const repeated = jsonTextCache();
  return jsonChunks(
    (streamed) => ({
      schemaVersion: rest.schemaVersion,
      tool: rest.tool,
      generatedAt: rest.generatedAt,
      scope: rest.scope,
      summary: rest.summary,
      findings: streamed({ items: findings, render: jsonFinding, write: (finding, out) => findingJsonParts(finding, repeated, out) }),
      accepted: streamed({ items: rest.accepted ?? [], render: (finding: AcceptedFinding) => ({ ...jsonFinding(finding), acceptance: jsonAcceptance(finding.acceptance) }), oneLine: true }),
      controls: rest.controls,
      workloads: streamed({ items: rest.workloads, render: (workload) => workload, oneLine: true }),
      nodeBoundary: rest.nodeBoundary,
      platform: rest.platform,
      problems: streamed({ items: rest.problems, render: (problem) => problem, oneLine: true }),
      rules: rest.rules,
      ...(rest.attackPaths ? { attackPaths: rest.attackPaths } : {}),
      ...(rest.attackGraph ? { attackGraph: rest.attackGraph } : {}),
    }),
    escapeControls,
  );
}

/**
 * JSON.stringify escapes C0 controls but not DEL, the C1 controls (U+009B is a CSI) or the bidirectional overrides:
 * escaped too, so a report printed to a terminal cannot be driven by a hostile name. Still the same JSON value.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
