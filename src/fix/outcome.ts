/**
 * The proof: every finding of the original scan, matched against the scan of the fixed estate. A finding is the
 * same one when its rule, object and container (or, for pod- and object-level findings, its field path) are:
 * fingerprints would do too, but a fix may change the message a finding would carry.
 */
import type { Finding } from '../engine/finding.js';
import { objectKey } from '../model/object.js';
import { findRule } from '../rules/index.js';
import { decideFix, type FixSelection } from './selection.js';

/**
 * `fixed`: gone from the fixed estate; `not-fixed`: its fix was applied, or tried, and it is still there;
 * `needs-source`: the object comes from an input kubethreat cannot edit (Kustomize output, standard input);
 * `suggestion`: a fix exists, as a suggestion the user did not ask for; `above-level`: beyond --level baseline;
 * `no-fix`: its rule has fixes, but none for this case (a service account that holds RBAC grants of its own).
 */
export type OutcomeStatus = 'fixed' | 'not-fixed' | 'needs-source' | 'suggestion' | 'above-level' | 'no-fix';

export interface FindingOutcome {
  finding: Finding;
  status: OutcomeStatus;
  /** How a fixed finding went: its own fix, a measure made for its rule, or as a side effect of other changes. */
  by?: 'fix' | 'measure' | 'side-effect';
  /** Why a finding whose fix was applied is still there. */
  reason?: string;
}

export interface OutcomeContext {
  selection: FixSelection;
  /** Why edits of an object (by `Kind/namespace/name`) could not be made. */
  failures: ReadonlyMap<string, string>;
  /** Whether the finding's object sits in a file kubethreat may edit. */
  editable: (finding: Finding) => boolean;
  /** The rules the run's measures address. */
  measureRules: ReadonlySet<string>;
}

export function findingKey(finding: Finding): string {
  return `${finding.ruleId}|${objectKey(finding.object)}|${finding.container ?? finding.path}`;
}

export function findingOutcomes(before: readonly Finding[], after: readonly Finding[], context: OutcomeContext): { outcomes: FindingOutcome[]; introduced: Finding[] } {
  const remaining = new Set(after.map(findingKey));
  const original = new Set(before.map(findingKey));
  const outcomes: FindingOutcome[] = [];
  for (const finding of before) {
    const decision = decideFix(finding, context.selection);
    const gone = !remaining.has(findingKey(finding));
    if (gone) {
      outcomes.push({ finding, status: 'fixed', by: decision === 'apply' ? 'fix' : context.measureRules.has(finding.ruleId) ? 'measure' : 'side-effect' });
    } else if (decision === 'apply') {
      if (!context.editable(finding)) outcomes.push({ finding, status: 'needs-source', reason: `${finding.location.file} is not a file kubethreat can edit: make the change in its source` });
      else outcomes.push({ finding, status: 'not-fixed', reason: context.failures.get(objectKey(finding.object)) ?? 'still reported after the fix' });
    } else if (decision === 'suggestion' || decision === 'above-level') {
      outcomes.push({ finding, status: decision });
    } else if (decision === 'none' && findRule(finding.ruleId)?.fix !== undefined && (context.selection.rules.length === 0 || context.selection.rules.includes(finding.ruleId))) {
      const reason = finding.fix?.notes[0];
      outcomes.push({ finding, status: 'no-fix', ...(reason ? { reason } : {}) });
    }
  }
  return { outcomes, introduced: after.filter((finding) => !original.has(findingKey(finding))) };
}
