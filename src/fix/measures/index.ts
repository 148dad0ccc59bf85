/** The measures, in the order the measures file lists their objects. */
import { networkPolicies } from './network-policies.js';
import { podSecurityLabels } from './pod-security-labels.js';
import { limitRanges, resourceQuotas } from './resource-budgets.js';
import { serviceAccounts } from './service-accounts.js';
import type { Measure, MeasureContext, MeasureId, MeasureResult } from './types.js';

export const MEASURES: readonly Measure[] = [podSecurityLabels, serviceAccounts, limitRanges, resourceQuotas, networkPolicies];

/** The measures a run makes: all of them, or with --rule those that remove a named rule's findings. */
export function selectMeasures(rules: readonly string[]): Measure[] {
  return rules.length === 0 ? [...MEASURES] : MEASURES.filter((measure) => measure.rules.some((rule) => rules.includes(rule)));
}

export function runMeasures(measures: readonly Measure[], context: Omit<MeasureContext, 'running'>): MeasureResult {
  const running = new Set<MeasureId>(measures.map((measure) => measure.id));
  const result: MeasureResult = { objects: [], changes: [], notes: [] };
  for (const measure of measures) {
    const made = measure.make({ ...context, running });
    result.objects.push(...made.objects);
    result.changes.push(...made.changes);
    result.notes.push(...made.notes);
  }
  return result;
}

export type { GeneratedObject, Measure, MeasureId, MeasureResult, ObjectChange } from './types.js';
export { MEASURE_IDS } from './types.js';
