/** What several reporters share: rule metadata for a model, ordering, locations and counts in words. */
import { compareText } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { asNumber, asString, isRecord } from '../model/json.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import type { RuleMeta } from '../rules/define-rule.js';
import { findRule } from '../rules/index.js';
import { severityRank, type Severity } from '../taxonomy/index.js';

export type RuleInfo = Omit<RuleMeta, 'messages'>;

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
