/**
 * Measures that implement themselves: the fixes rules attach to findings, applied to the source text, and the
 * objects an estate lacks (src/fix/measures). The interface others call.
 */
import { planFixes } from './plan.js';

export { planFixes, type FixPlan, type FixRequest } from './plan.js';
export { renderFixReport, type FixReportContext } from './report.js';
export { findingOutcomes, findingKey, type FindingOutcome, type OutcomeStatus } from './outcome.js';
export { decideFix, onlyRestricted, type FixDecision, type FixLevel, type FixSelection } from './selection.js';
export { editManifestText, type ObjectEdits } from './edit-text.js';
export { unifiedDiff } from './unified-diff.js';
export { MEASURES, type GeneratedObject, type MeasureId } from './measures/index.js';
export type { FindingFix, FixEdit, FixKind, FixProposal } from './types.js';

/** The text with the fixes of `rules` applied, suggestions included, and no measures: what a rule's fixed.yaml holds. */
export function fixText(text: string, file: string, rules: readonly string[]): string {
  const plan = planFixes({ sources: [{ file, text }], fixedObjects: [], options: {}, rules, level: 'restricted', measures: false, now: new Date(0), toolVersion: 'fixture' });
  return plan.files[0].after;
}
