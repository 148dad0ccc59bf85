/**
 * Container escapes come from the rules' findings, never from rule logic repeated here: a node-escape finding
 * (boundaries/node-escapes.ts) on a workload becomes an edge from the workload to the nodes its pods run on.
 */
import type { Finding } from '../engine/finding.js';
import { getPath, isRecord } from '../model/json.js';
import { isNodeEscape } from '../boundaries/node-escapes.js';
import type { Container, Workload } from '../model/workload.js';
import { findingEvidence, type BuildContext } from './context.js';
import type { Difficulty, TechniqueMeta } from './types.js';

export interface EscapeCase {
  finding: Finding;
  workload: Workload;
  container: Container | undefined;
}

/**
 * Adds technique edges for the findings of `ruleId` that `decide` accepts; `decide` returns the difficulty, or
 * undefined to leave the finding to another technique.
 */
export function escapeEdges(context: BuildContext, technique: TechniqueMeta, ruleId: string, decide: (escape: EscapeCase) => Difficulty | undefined): void {
  for (const finding of context.findingsOf(ruleId)) {
    if (!isNodeEscape(finding)) continue;
    const workload = context.workloadOf(finding.object);
    if (!workload) continue;
    // A container admission added to the workload's Pods (Workload.admitted) escapes as well as the template's.
    const container = finding.container === undefined ? undefined : (workload.containers.find((entry) => entry.name === finding.container) ?? workload.admitted.find((entry) => entry.name === finding.container));
    const difficulty = decide({ finding, workload, container });
    if (difficulty === undefined) continue;
    const from = context.workloadNode(workload);
    for (const node of context.placement().of(workload).nodes) context.edge(from, node, technique, [findingEvidence(finding)], difficulty);
  }
}

/** Whether the container adds the capability (or ALL). */
export function addsCapability(container: Container | undefined, capability: string): boolean {
  const added = container?.security.capabilitiesAdd ?? [];
  return added.includes(capability) || added.includes('ALL');
}

/** Whether the volumeMount a hostPath finding points at is read-only, as written in the object. */
export function mountIsReadOnly({ finding, workload, container }: EscapeCase): boolean {
  // The path of a finding on an admitted container is from the Pod it was read from.
  const mount = getPath((container?.admittedIn ?? workload.object).raw, finding.fieldPath);
  return isRecord(mount) && mount.readOnly === true;
}
