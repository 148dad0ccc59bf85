/**
 * Which acceptance covers which finding. Pure. A finding is accepted when an acceptance of its rule selects it and
 * is in force on the analysis day; when only expired ones select it, it stays open and carries the expired one.
 * An acceptance that selects no finding at all is stale: the risk it names is gone, or it never matched.
 */
import { findingWith, type AcceptedFinding, type Finding } from '../engine/finding.js';
import { objectKey } from '../model/object.js';
import { isInForce, utcDay } from './dates.js';
import type { Acceptance } from './types.js';

export interface AcceptanceOutcome {
  /** Findings that still count, in the order given; those an expired acceptance covered say so. */
  open: Finding[];
  accepted: AcceptedFinding[];
  /** Acceptances that select no finding, in the order given. */
  stale: Acceptance[];
}

export function applyAcceptances(findings: readonly Finding[], acceptances: readonly Acceptance[], now: Date): AcceptanceOutcome {
  const today = utcDay(now);
  const byRule = new Map<string, Acceptance[]>();
  for (const acceptance of acceptances) {
    const list = byRule.get(acceptance.rule);
    if (list) list.push(acceptance);
    else byRule.set(acceptance.rule, [acceptance]);
  }
  const used = new Set<Acceptance>();
  const outcome: AcceptanceOutcome = { open: [], accepted: [], stale: [] };
  for (const finding of findings) {
    const candidates = byRule.get(finding.ruleId);
    if (candidates === undefined) {
      outcome.open.push(finding); // most findings: no acceptance names their rule
      continue;
    }
    const matching = candidates.filter((acceptance) => selects(acceptance, finding));
    for (const acceptance of matching) used.add(acceptance);
    const inForce = best(matching.filter((acceptance) => isInForce(acceptance.expires, today)));
    if (inForce) {
      outcome.accepted.push(findingWith(finding, { acceptance: inForce }));
      continue;
    }
    const expired = best(matching);
    outcome.open.push(expired ? findingWith(finding, { expiredAcceptance: expired }) : finding);
  }
  outcome.stale = acceptances.filter((acceptance) => !used.has(acceptance));
  return outcome;
}

/** Whether the acceptance's selector picks the finding (its rule is checked by the caller). */
export function selects(acceptance: Acceptance, finding: Finding): boolean {
  if (acceptance.fingerprint !== undefined) return acceptance.fingerprint === finding.fingerprint;
  if (acceptance.object !== undefined) {
    // Kind/namespace/name holds in every cluster; cluster:Kind/namespace/name (objectKey with a cluster) in one.
    const key = acceptance.object.includes(':') ? objectKey(finding.object) : objectKey({ ...finding.object, cluster: undefined });
    return acceptance.object === key && (acceptance.container === undefined || acceptance.container === finding.container);
  }
  if (acceptance.container !== undefined && acceptance.container !== finding.container) return false;
  if (acceptance.namespace !== undefined) {
    // Namespace-level rules report on the Namespace object itself, which has no namespace of its own.
    return finding.object.namespace === acceptance.namespace || (finding.object.kind === 'Namespace' && finding.object.name === acceptance.namespace);
  }
  // A container alone: that container of every object (a sidecar a webhook adds to every workload's pods).
  return acceptance.container !== undefined;
}

/** The narrowest selector wins; then the latest expiry; then the first written. */
function best(candidates: readonly Acceptance[]): Acceptance | undefined {
  let chosen: Acceptance | undefined;
  for (const candidate of candidates) {
    if (!chosen || specificity(candidate) > specificity(chosen) || (specificity(candidate) === specificity(chosen) && candidate.expires > chosen.expires)) chosen = candidate;
  }
  return chosen;
}

function specificity(acceptance: Acceptance): number {
  if (acceptance.fingerprint !== undefined) return 5;
  if (acceptance.object !== undefined) return acceptance.container !== undefined ? 4 : 3;
  if (acceptance.namespace !== undefined) return acceptance.container !== undefined ? 2 : 0;
  return 1; // a container in every object
}

/** How people name what an acceptance selects: "Deployment/shop/web, container gpu", "namespace shop". */
export function describeSelector(acceptance: Acceptance): string {
  if (acceptance.fingerprint !== undefined) return `finding ${acceptance.fingerprint}`;
  if (acceptance.object !== undefined) return acceptance.container !== undefined ? `${acceptance.object}, container ${acceptance.container}` : acceptance.object;
  if (acceptance.namespace !== undefined) return acceptance.container !== undefined ? `container ${acceptance.container} in namespace ${acceptance.namespace}` : `namespace ${acceptance.namespace}`;
  return `container ${acceptance.container ?? '?'} of every object`;
}
