/**
 * Inline acceptance, written on the object it is about:
 *
 *   metadata:
 *     annotations:
 *       kubethreat.io/accept: "privileged-container,host-pid; the GPU driver needs the host's devices; expires=2026-06-30; owner=team-ml"
 *
 * Fields are separated by `;`: the rule ids (comma-separated), the reason, then `key=value` fields in any order:
 * `expires=YYYY-MM-DD` (required) and `owner=NAME` (optional). Several acceptances with different reasons or
 * expiries go on separate lines of the same annotation (a YAML block scalar). The reason cannot contain `;`.
 * An annotation accepts findings on the annotated object only (its own metadata, not a pod template's).
 */
import { isCalendarDate } from './dates.js';
import { didYouMean } from './suggest.js';

export const ACCEPT_ANNOTATION = 'kubethreat.io/accept';

export interface AnnotatedAcceptance {
  rules: string[];
  reason: string;
  expires: string;
  owner?: string;
}

export interface AnnotationParse {
  acceptances: AnnotatedAcceptance[];
  /** What is wrong, one sentence each; the caller places them at the annotation's file:line. */
  errors: string[];
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EXAMPLE = `"RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]"`;

export function parseAcceptAnnotation(value: string, knownRules: ReadonlySet<string>): AnnotationParse {
  const result: AnnotationParse = { acceptances: [], errors: [] };
  const lines = value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) result.errors.push(`${ACCEPT_ANNOTATION} is empty: write ${EXAMPLE}`);
  lines.forEach((line, index) => {
    const label = lines.length > 1 ? ` (line ${index + 1} of the annotation)` : '';
    const errors: string[] = [];
    const acceptance = parseLine(line, knownRules, errors);
    result.errors.push(...errors.map((error) => `${ACCEPT_ANNOTATION}${label}: ${error}`));
    if (acceptance && errors.length === 0) result.acceptances.push(acceptance);
  });
  return result;
}

function parseLine(line: string, knownRules: ReadonlySet<string>, errors: string[]): AnnotatedAcceptance | undefined {
  const [ruleField = '', reasonField = '', ...keyed] = line.split(';').map((field) => field.trim());
  if (keyed.length === 0) {
    errors.push(`needs at least three fields separated by ";": ${EXAMPLE}`);
    return undefined;
  }
  const rules = ruleField.split(',').map((rule) => rule.trim());
  for (const rule of rules) {
    if (rule === '') errors.push('names no rule before the first ";"');
    else if (!RULE_ID.test(rule) || !knownRules.has(rule)) errors.push(`unknown rule "${rule}"${didYouMean(rule, knownRules)}`);
  }
  if (reasonField === '') errors.push('gives no reason: say why the risk is accepted, after the rule ids');
  else if (/^(expires|owner)\s*=/.test(reasonField)) errors.push(`gives no reason: "${reasonField}" is where the reason goes, after the rule ids`);
  const fields = new Map<string, string>();
  for (const entry of keyed) {
    const match = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(entry);
    if (!match) {
      errors.push(`"${entry}" is not key=value (a reason cannot contain ";")`);
      continue;
    }
    const [, key, text] = match;
    if (key !== 'expires' && key !== 'owner') errors.push(`unknown field "${key}"${didYouMean(key, ['expires', 'owner'])}: only expires and owner`);
    else if (fields.has(key)) errors.push(`gives ${key} twice`);
    else fields.set(key, text.trim());
  }
  const expires = fields.get('expires');
  if (expires === undefined) errors.push('has no expires=YYYY-MM-DD: every accepted risk is reviewed again by a date');
  else if (!isCalendarDate(expires)) errors.push(`expires "${expires}" is not a date written YYYY-MM-DD`);
  const owner = fields.get('owner');
  if (owner === '') errors.push('owner= names nobody');
  if (errors.length > 0 || expires === undefined) return undefined;
  const acceptance: AnnotatedAcceptance = { rules: [...new Set(rules)], reason: reasonField, expires };
  if (owner !== undefined) acceptance.owner = owner;
  return acceptance;
}
