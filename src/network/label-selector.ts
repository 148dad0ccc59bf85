/**
 * metav1.LabelSelector: parsing untrusted JSON and matching label sets.
 * An empty selector `{}` selects everything; whether a *missing* selector means "everything" or "not specified"
 * depends on the field, so callers decide that before they get here.
 */
import { asArray, asString, asStringMap, isRecord } from '../model/json.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly SelectorRequirement[];
}

export type Labels = Readonly<Record<string, string>>;

export type SelectorParse = { ok: true; selector: LabelSelector } | { ok: false; problem: string };

const operators: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Parses a selector the API server would accept; anything it would reject comes back as a problem. */
export function parseLabelSelector(raw: unknown): SelectorParse {
  if (!isRecord(raw)) return { ok: false, problem: 'selector is not an object' };
  const matchExpressions: SelectorRequirement[] = [];
  const entries = asArray(raw.matchExpressions);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isRecord(entry)) return { ok: false, problem: `matchExpressions[${index}] is not an object` };
    const key = asString(entry.key);
    const operator = asString(entry.operator);
    if (key === undefined || key === '') return { ok: false, problem: `matchExpressions[${index}] has no key` };
    if (operator === undefined || !operators.has(operator))
      return { ok: false, problem: `matchExpressions[${index}] has unknown operator ${String(entry.operator)}` };
    const values = asArray(entry.values).map((value) => (typeof value === 'string' ? value : String(value)));
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (needsValues && values.length === 0)
      return { ok: false, problem: `matchExpressions[${index}]: ${operator} needs at least one value` };
    if (!needsValues && values.length > 0)
      return { ok: false, problem: `matchExpressions[${index}]: ${operator} takes no values` };
    matchExpressions.push({ key, operator: operator as SelectorOperator, values });
  }
  return { ok: true, selector: { matchLabels: asStringMap(raw.matchLabels), matchExpressions } };
}

export const selectEverything: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export function selectsEverything(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

export function matchesLabels(selector: LabelSelector, labels: Labels): boolean {
  // for…in, not Object.keys and its array, for each of the classes a selector is tried against (matchLabels is a
  // plain map of its own keys).
  const { matchLabels, matchExpressions } = selector;
  for (const key in matchLabels) if (labels[key] !== matchLabels[key]) return false;
  for (let position = 0; position < matchExpressions.length; position++) if (!requirementMatches(matchExpressions[position], labels)) return false;
  return true;
}

function requirementMatches(requirement: SelectorRequirement, labels: Labels): boolean {
  const present = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return present && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      // A pod without the key is "not in" any set of values: the classic surprise of NotIn.
      return !present || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
  }
}

/** A stable text for memoising matches: equal selectors give equal keys whatever the order of their entries. */
export function selectorKey(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expressions = selector.matchExpressions
    .map((requirement) => [requirement.key, requirement.operator, [...requirement.values].sort()])
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return JSON.stringify([labels, expressions]);
}

/**
 * One `key=value` that every label set matching the selector must carry, or one key it must carry;
 * used to look candidates up in a label index instead of scanning every pod class.
 */
export function selectorAnchor(selector: LabelSelector): { key: string; values?: readonly string[] } | undefined {
  const firstLabel = Object.entries(selector.matchLabels)[0];
  if (firstLabel !== undefined) return { key: firstLabel[0], values: [firstLabel[1]] };
  const inRequirement = selector.matchExpressions.find((requirement) => requirement.operator === 'In');
  if (inRequirement !== undefined) return { key: inRequirement.key, values: inRequirement.values };
  const exists = selector.matchExpressions.find((requirement) => requirement.operator === 'Exists');
  if (exists !== undefined) return { key: exists.key };
  return undefined;
}
