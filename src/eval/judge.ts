/**
 * One label against the scanner's findings for its unit: does the scanner fail the labelled object for the concept?
 * A finding counts when one of the concept's rules names the object as its subject or among its related objects
 * (an RBAC finding names the binding and the role, so a label on either matches).
 */
import type { Finding } from '../engine/finding.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import type { Coverage } from './concepts.js';
import type { Label, LabelObject } from './labels.js';

/** What judging needs of a finding; the rest of the finding is the report's business. */
export type JudgedFinding = Pick<Finding, 'ruleId' | 'object' | 'related' | 'container' | 'path' | 'location' | 'message'>;

export type Verdict = 'TP' | 'FP' | 'FN' | 'TN' | 'not-covered';

export interface MatchedFinding {
  ruleId: string;
  /** The finding's subject, `Kind/namespace/name`. */
  object: string;
  /** How the label's object appears in the finding. */
  matchedBy: 'object' | 'related';
  container?: string;
  path: string;
  location: Location;
  message: string;
}

export interface LabelVerdict {
  label: Label;
  verdict: Verdict;
  /** Whether the scanner fails the object for the concept; null when the concept is not covered. */
  scannerFails: boolean | null;
  /** The registry rules that decide the concept. */
  rules: readonly string[];
  /** Why the label is not scored, when it is not. */
  notCoveredReason?: string;
  /** The Pod Security Standards version the unit was analysed at, when the label's path pins one. */
  pssVersion?: string;
  matched: MatchedFinding[];
  /** For a disagreement we keep: the written reason from eval/DISAGREEMENTS.md and where it is. */
  keptReason?: { reason: string; line: number };
}

/**
 * A label object names the same object as a finding's reference when kind and name agree and the namespaces do:
 * an empty label namespace matches any (the manifest names none), and a cluster-scoped reference has none to compare.
 */
export function labelObjectMatches(labelObject: LabelObject, ref: ObjectRef): boolean {
  if (labelObject.kind !== ref.kind || labelObject.name !== ref.name) return false;
  return labelObject.namespace === '' || ref.namespace === undefined || labelObject.namespace === ref.namespace;
}

export function judgeLabel(label: Label, findings: readonly JudgedFinding[], coverage: Coverage, pssVersion?: string): LabelVerdict {
  const rules = coverage.rulesByConcept.get(label.concept) ?? [];
  const base = pssVersion === undefined ? {} : { pssVersion };
  if (rules.length === 0) {
    const missing = coverage.missingRulesByConcept.get(label.concept);
    const notCoveredReason = missing
      ? `mapped to ${missing.join(', ')}, which the rule registry does not have`
      : `no rule in eval/concepts.json maps to ${label.concept}`;
    return { label, verdict: 'not-covered', scannerFails: null, rules, notCoveredReason, matched: [], ...base };
  }
  const ruleSet = new Set(rules);
  const matched: MatchedFinding[] = [];
  for (const finding of findings) {
    if (!ruleSet.has(finding.ruleId)) continue;
    const matchedBy = matchOf(label.objects, finding);
    if (matchedBy) matched.push(describe(finding, matchedBy));
  }
  const scannerFails = matched.length > 0;
  return { label, verdict: verdictOf(label.expected === 'fail', scannerFails), scannerFails, rules, matched, ...base };
}

function matchOf(objects: readonly LabelObject[], finding: JudgedFinding): MatchedFinding['matchedBy'] | undefined {
  if (objects.some((object) => labelObjectMatches(object, finding.object))) return 'object';
  if (finding.related.some((ref) => objects.some((object) => labelObjectMatches(object, ref)))) return 'related';
  return undefined;
}

function verdictOf(expectedFail: boolean, scannerFails: boolean): Verdict {
  if (expectedFail) return scannerFails ? 'TP' : 'FN';
  return scannerFails ? 'FP' : 'TN';
}

function describe(finding: JudgedFinding, matchedBy: MatchedFinding['matchedBy']): MatchedFinding {
  const matched: MatchedFinding = {
    ruleId: finding.ruleId,
    object: objectKey(finding.object),
    matchedBy,
    path: finding.path,
    location: finding.location,
    message: finding.message,
  };
  if (finding.container !== undefined) matched.container = finding.container;
  return matched;
}
