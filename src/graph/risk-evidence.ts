/**
 * Which edges each finding and each object is evidence of: the steps a weakness enables, read back from the graph
 * for risk.ts. One pass over the edges; nothing is allocated per piece of evidence.
 */
import type { Finding } from '../engine/finding.js';
import type { ObjectRef } from '../model/object.js';
import { isList, type AttackGraph, type EvidenceSlot } from './graph.js';
import { ObjectTable } from './object-table.js';
import type { Evidence } from './types.js';

/** Kinds whose evidence is their findings: an edge cited by a workload object does not make its findings steps. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate']);

/** A few positions per finding are enough to judge it; a NetworkPolicy cited by thousands of flows keeps 32. */
const MAX_POSITIONS = 32;

/**
 * The edges each finding enables (its fingerprint is their evidence), and the edges each object other than a workload
 * is evidence of (an RBAC binding, a NetworkPolicy): at most MAX_POSITIONS of each, in edge order.
 */
export function enabledEdges(graph: AttackGraph): { byFinding: Map<string, number[]>; byFindingObject: Map<Finding, number[]>; byObject: ObjectTable<number[]> } {
  const byFinding = new Map<string, number[]>();
  // The lists of findings that are evidence themselves, by identity: their fingerprints are made once each, here.
  const byFindingObject = new Map<Finding, number[]>();
  const byObject = new ObjectTable<number[]>();
  const listOfRef = new Map<ObjectRef, number[]>();
  // The list of a fingerprint, made with its first edge (most lists keep one: an exact-size array).
  const listOfFingerprint = (fingerprint: string, edge: number): number[] => {
    const list = byFinding.get(fingerprint);
    if (list === undefined) {
      const created = [edge];
      byFinding.set(fingerprint, created);
      return created;
    }
    if (list.length < MAX_POSITIONS) list.push(edge);
    return list;
  };
  // The list a piece of evidence feeds.
  const listOf = (evidence: Evidence, edge: number): number[] | undefined => {
    const finding = evidence.fromFinding;
    if (finding !== undefined) {
      const list = byFindingObject.get(finding);
      if (list === undefined) {
        const shared = listOfFingerprint(finding.fingerprint, edge);
        byFindingObject.set(finding, shared);
        return shared;
      }
      if (list.length < MAX_POSITIONS) list.push(edge);
      return list;
    }
    if (evidence.finding) return listOfFingerprint(evidence.finding, edge);
    if (WORKLOAD_KINDS.has(evidence.object.kind)) return undefined;
    let list = listOfRef.get(evidence.object);
    if (list === undefined) {
      list = byObject.get(evidence.object);
      if (list === undefined) {
        const created = [edge];
        byObject.set(evidence.object, created);
        listOfRef.set(evidence.object, created);
        return created;
      }
      listOfRef.set(evidence.object, list);
    }
    if (list.length < MAX_POSITIONS) list.push(edge);
    return list;
  };
  // The lists the current evidence slot feeds, one per piece (repeats kept): consecutive edges often share their
  // evidence (one grant's edges to every service account), and then share these lists.
  const lists: number[][] = [];
  let current: EvidenceSlot | undefined;
  // Indexed loops: this runs once per analysis, mostly before it is optimised, and for…of allocated an iterator
  // result per edge and per piece of evidence (60 MB at 50,000 pods).
  const slots = graph.evidenceSlots;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index];
    if (slot === current) {
      for (let item = 0; item < lists.length; item++) if (lists[item].length < MAX_POSITIONS) lists[item].push(index);
      continue;
    }
    current = slot;
    lists.length = 0;
    if (isList(slot)) {
      for (let item = 0; item < slot.length; item++) {
        const list = listOf(slot[item], index);
        if (list) lists.push(list);
      }
    } else {
      const list = listOf(slot, index);
      if (list) lists.push(list);
    }
  }
  return { byFinding, byFindingObject, byObject };
}

/**
 * The rules of some fingerprints: each starts with its rule's id and `@` (STYLE.md: one id names everything, the
 * fingerprint prefix included). Undefined when one does not, so that every finding is looked up.
 */
export function rulesOf(fingerprints: Iterable<string>): Set<string> | undefined {
  const rules = new Set<string>();
  for (const fingerprint of fingerprints) {
    const at = fingerprint.indexOf('@');
    if (at <= 0) return undefined;
    rules.add(fingerprint.slice(0, at));
  }
  return rules;
}
