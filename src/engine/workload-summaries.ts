/** Each analysed workload's summary (level, finding count, node escapes) and the node pools the workloads run in. */
import { objectKey, type ObjectRef } from '../model/object.js';
import type { Estate } from '../model/estate.js';
import type { Workload } from '../model/workload.js';
import { podViewsAsRun } from '../model/admitted-containers.js';
import { podSecurityLevel, parsePssVersion, pssVersionOnCluster, type PssLevel, type PssVersion } from '../admission/pss/index.js';
import { analysedWorkloads } from '../rules/helpers.js';
import { placementOf } from '../boundaries/node-pools.js';
import { isNodeEscape } from '../boundaries/node-escapes.js';
import type { Finding } from './finding.js';
import type { AnalysisOptions } from './options.js';
import { compareText } from './run-rules.js';
import type { NodePool, WorkloadSummary } from './threat-model.js';

/** What a summary needs of an object's findings: how many, and which rules say its pods reach the node. */
interface Tally {
  findings: number;
  nodeEscapes: Set<string> | undefined;
}

/** Both in key order. */
export function workloadSummaries(estate: Estate, allFindings: readonly Finding[], options: AnalysisOptions): { workloads: WorkloadSummary[]; pools: Map<string, NodePool> } {
  const tallies = talliesByObjectKey(allFindings);
  const pssVersion = pssVersionOnCluster(parsePssVersion(options.pssVersion) ?? 'latest', options.kubernetesVersion);
  const pools = new Map<string, NodePool>();
  const workloads: WorkloadSummary[] = analysedWorkloads(estate).map((workload) => {
    const tally = tallies.get(objectKey(workload.ref));
    const nodeEscapes = tally?.nodeEscapes === undefined ? [] : [...tally.nodeEscapes].sort();
    const placement = placementOf(workload);
    const pool = pools.get(placement.pool) ?? { name: placement.pool, controlPlane: placement.controlPlane, workloads: [] };
    pools.set(placement.pool, pool);
    pool.workloads.push({ object: workload.ref, everyNode: placement.everyNode, nodeEscapes });
    return {
      object: workload.ref,
      podSecurityLevel: levelAsRun(workload, pssVersion),
      serviceAccount: workload.serviceAccountName,
      nodeEscapes,
      findings: tally?.findings ?? 0,
    };
  });
  sortByObjectKey(workloads);
  for (const pool of pools.values()) sortByObjectKey(pool.workloads);
  return { workloads, pools };
}

const LEVELS: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** The strictest level every pod of the workload meets, as they run: a sidecar added at admission counts (Workload.admitted). */
function levelAsRun(workload: Workload, version: PssVersion): PssLevel {
  let level: PssLevel = 'restricted';
  for (const pod of podViewsAsRun(workload)) {
    const met = podSecurityLevel(pod, version);
    if (LEVELS.indexOf(met) < LEVELS.indexOf(level)) level = met;
  }
  return level;
}

/**
 * Counted, not collected: a 150,000-pod estate has 800,000 findings, and lists of them per object were garbage the
 * moment they were counted. Tallied by ObjectRef first (the findings of one object share it, see run-rules.ts), so
 * each object's key is built once; then merged by key (two refs of the same object).
 */
function talliesByObjectKey(findings: readonly Finding[]): Map<string, Tally> {
  const byRef = new Map<ObjectRef, Tally>();
  // The last ref and its tally: a rule's findings on one object (its containers, its paths) come one after the other.
  let lastRef: ObjectRef | undefined;
  let current: Tally | undefined;
  for (const finding of findings) {
    const ref = finding.object;
    if (ref !== lastRef) {
      lastRef = ref;
      current = byRef.get(ref);
      if (current === undefined) byRef.set(ref, (current = { findings: 0, nodeEscapes: undefined }));
    }
    current!.findings++;
    if (isNodeEscape(finding)) (current!.nodeEscapes ??= new Set()).add(finding.ruleId);
  }
  const byKey = new Map<string, Tally>();
  for (const [ref, tally] of byRef) {
    const key = objectKey(ref);
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, tally);
      continue;
    }
    existing.findings += tally.findings;
    if (tally.nodeEscapes !== undefined) for (const rule of tally.nodeEscapes) (existing.nodeEscapes ??= new Set()).add(rule);
  }
  return byKey;
}

/**
 * Sorts in place by objectKey (which names the cluster), each key built once (not twice per comparison: 50,000
 * workloads make 1.5 million); returns the items.
 */
export function sortByObjectKey<T extends { object: WorkloadSummary['object'] }>(items: T[]): T[] {
  const keyed = items.map((item) => ({ item, key: objectKey(item.object) }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  for (let index = 0; index < keyed.length; index++) items[index] = keyed[index].item;
  return items;
}
