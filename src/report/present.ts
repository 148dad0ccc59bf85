/** What several reporters share: rule metadata for a model, ordering, locations and counts in words. */
import { compareText } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import type { ControlState, ControlStatus, ThreatModel } from '../engine/threat-model.js';
import { asNumber, asString, isRecord } from '../model/json.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import type { RuleMeta } from '../rules/define-rule.js';
import { findRule } from '../rules/index.js';
import { severityRank, type Severity } from '../taxonomy/index.js';

export type RuleInfo = Omit<RuleMeta, 'messages'>;

/**
 * The Kubernetes version each cluster was analysed at, in words ("v1.30.4, reported by the API server"); undefined
 * when none was known. Reporters escape it: a live cluster's API server wrote it.
 */
export function kubernetesVersionsText(model: ThreatModel): string | undefined {
  const used = model.scope.kubernetesVersions ?? [];
  if (used.length === 0) return undefined;
  const versions = used.map((entry) => (used.length > 1 && entry.cluster !== undefined ? `${entry.cluster} ${entry.version}` : entry.version)).join(', ');
  if (used.every((entry) => entry.from === 'flag')) return `${versions} (--kubernetes-version)`;
  if (used.every((entry) => entry.from === 'config')) return `${versions} (kubernetesVersion in the config file)`;
  if (used.every((entry) => entry.from === 'server')) return `${versions}, reported by the API server${used.length > 1 ? 's' : ''}`;
  return versions;
}

/**
 * The rules a report describes: every rule that ran and every rule a finding names, sorted by id. A finding whose
 * rule is not in this build's catalogue (a model read from elsewhere) still gets a description from the finding.
 */
export function rulesOf(model: ThreatModel): RuleInfo[] {
  // One pass over the findings (800,000 at 150,000 pods), not one per rule: each rule's first finding is its example.
  const examples = new Map<string, Finding>();
  for (const finding of model.findings) if (!examples.has(finding.ruleId)) examples.set(finding.ruleId, finding);
  const ids = new Set([...model.rules, ...examples.keys()]);
  return [...ids].sort(compareText).map((id) => ruleInfo(id, examples.get(id)));
}

export function ruleInfo(id: string, example?: Finding): RuleInfo {
  const rule = findRule(id);
  if (rule) {
    const { id: ruleId, title, boundary, stride, severity, references, rationale, remediation } = rule;
    return { id: ruleId, title, boundary, stride, severity, references, rationale, remediation };
  }
  return {
    id,
    title: example?.title ?? id,
    boundary: example?.boundary ?? 'pod',
    stride: example?.stride ?? [],
    severity: example?.severity ?? 'info',
    references: {},
    rationale: '',
    remediation: example?.remediation ?? '',
  };
}

export { compareText };

/**
 * Most severe first, then by rule, object, container and field: the order people read a threat list in, and the
 * engine's own (the JSON report's), so that every report lists findings alike.
 */
export { compareFindings } from '../engine/run-rules.js';

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const list = groups.get(name);
    if (list) list.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** `<stdin>`, `<kustomize DIR>` and `(the estate as a whole)` name no file a viewer could open. */
export function isFile(file: string): boolean {
  return file !== '' && !file.startsWith('<') && !file.startsWith('(');
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** The source of a related object, when its producer attached one (RBAC refs carry `source`). */
export function relatedLocation(ref: ObjectRef): Location | undefined {
  const record = ref as unknown as Record<string, unknown>;
  const source = isRecord(record.source) ? record.source : isRecord(record.location) ? record.location : undefined;
  if (!source) return undefined;
  const file = asString(source.file);
  const line = asNumber(source.line);
  if (!file || line === undefined) return undefined;
  return { file, line, column: asNumber(source.column) ?? 1 };
}

const objectKeys = new WeakMap<ObjectRef, string>();

/**
 * objectKey of a finding's object, built once per object: the findings of one object share its ObjectRef
 * (src/engine/run-rules.ts), and a report groups 800,000 findings at 150,000 pods by it.
 */
export function findingObjectKey(finding: Finding): string {
  const ref = finding.object;
  let key = objectKeys.get(ref);
  if (key === undefined) objectKeys.set(ref, (key = objectKey(ref)));
  return key;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export function highestOf(findings: readonly Finding[]): Severity | undefined {
  let highest: Severity | undefined;
  for (const finding of findings) if (highest === undefined || severityRank(finding.severity) > severityRank(highest)) highest = finding.severity;
  return highest;
}

/** A line of a control table: a control in one scope, scopes left out, or how many scopes are in a status. */
export type ControlRow =
  | { kind: 'scope'; control: ControlState }
  | { kind: 'more'; title: string; count: number }
  | { kind: 'count'; title: string; status: ControlStatus; count: number; of: number };

/**
 * Each control in each scope, but for a control held in more scopes than `limit` (a cluster with thousands of
 * namespaces): the first `limit` scopes where it is missing or weak, how many more there are, then how many scopes
 * are in each status. `limit` 0 lists every scope. The JSON and HTML reports list them all.
 */
export function controlRows(controls: readonly ControlState[], limit: number): ControlRow[] {
  const byControl = groupBy(controls, (control) => control.control);
  // In the order the model lists them (scope by scope) unless some control must be counted; then control by control.
  if (limit === 0 || [...byControl.values()].every((group) => group.length <= limit)) return controls.map((control) => ({ kind: 'scope', control }));
  const rows: ControlRow[] = [];
  for (const group of byControl.values()) {
    if (group.length <= limit) {
      for (const control of group) rows.push({ kind: 'scope', control });
      continue;
    }
    const title = group[0].title;
    const wanting = group.filter((control) => control.status === 'missing' || control.status === 'weak');
    for (const control of wanting.slice(0, limit)) rows.push({ kind: 'scope', control });
    if (wanting.length > limit) rows.push({ kind: 'more', title, count: wanting.length - limit });
    for (const status of ['missing', 'weak', 'present', 'not-applicable'] as const) {
      const count = group.filter((control) => control.status === status).length;
      if (count > 0) rows.push({ kind: 'count', title, status, count, of: group.length });
    }
  }
  return rows;
}

