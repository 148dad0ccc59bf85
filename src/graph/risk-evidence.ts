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
 * Lists of edge indices, each at most MAX_POSITIONS long, kept in edge order in one pool of links: a list is a number.
 * An array per list, grown by push, was 25 MB at 50,000 pods (30,000 lists, most of one or two edges, a few thousand
 * of 32), all of it living through the risk pass and so promoted, to be collected by a full collection.
 */
export class EdgeLists {
  private readonly lengths: number[] = [];
  private readonly heads: number[] = [];
  private readonly tails: number[] = [];
  /** Link i: an edge, and the next link of its list (-1 after the last). */
  private edges: Int32Array = new Int32Array(1024);
  private nexts: Int32Array = new Int32Array(1024);
  private links = 0;

  get count(): number {
    return this.lengths.length;
  }

  /** A new list holding one edge. */
  create(edge: number): number {
    const link = this.link(edge);
    this.heads.push(link);
    this.tails.push(link);
    this.lengths.push(1);
    return this.lengths.length - 1;
  }

  /** Adds the edge to the list unless it holds MAX_POSITIONS already. */
  add(list: number, edge: number): void {
    if (this.lengths[list] >= MAX_POSITIONS) return;
    const link = this.link(edge);
    this.nexts[this.tails[list]] = link;
    this.tails[list] = link;
    this.lengths[list]++;
  }

  length(list: number): number {
    return this.lengths[list];
  }

  /** The first link of the list; the edge of a link is edgeAt(link), the one after it next(link) (-1 at the end). */
  first(list: number): number {
    return this.heads[list];
  }

  edgeAt(link: number): number {
    return this.edges[link];
  }

  next(link: number): number {
    return this.nexts[link];
  }

  /** The list's edges as an array, for tests: the analysis walks the links. */
  edgesOf(list: number): number[] {
    const out: number[] = [];
    for (let link = this.heads[list]; link !== -1; link = this.nexts[link]) out.push(this.edges[link]);
    return out;
  }

  private link(edge: number): number {
    if (this.links === this.edges.length) {
      this.edges = doubled(this.edges);
      this.nexts = doubled(this.nexts);
    }
    const link = this.links++;
    this.edges[link] = edge;
    this.nexts[link] = -1;
    return link;
  }
}

function doubled(array: Int32Array): Int32Array {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** What enabledEdges finds: lists of `lists`, by fingerprint, by finding object and by object. */
export interface EnabledEdges {
  lists: EdgeLists;
  byFinding: Map<string, number>;
  byFindingObject: Map<Finding, number>;
  byObject: ObjectTable<number>;
}

/**
 * The edges each finding enables (its fingerprint is their evidence), and the edges each object other than a workload
 * is evidence of (an RBAC binding, a NetworkPolicy): at most MAX_POSITIONS of each, in edge order.
 */
export function enabledEdges(graph: AttackGraph): EnabledEdges {
  const lists = new EdgeLists();
  const byFinding = new Map<string, number>();
  // The lists of findings that are evidence themselves, by identity: their fingerprints are made once each, here.
  const byFindingObject = new Map<Finding, number>();
  const byObject = new ObjectTable<number>();
  const listOfRef = new Map<ObjectRef, number>();
  // The list of a fingerprint, made with its first edge.
  const listOfFingerprint = (fingerprint: string, edge: number): number => {
    const list = byFinding.get(fingerprint);
    if (list === undefined) {
      const created = lists.create(edge);
      byFinding.set(fingerprint, created);
      return created;
    }
    lists.add(list, edge);
    return list;
  };
  // The list a piece of evidence feeds, after adding the edge to it; -1 for none.
  const listOf = (evidence: Evidence, edge: number): number => {
    const finding = evidence.fromFinding;
    if (finding !== undefined) {
      const list = byFindingObject.get(finding);
      if (list === undefined) {
        const shared = listOfFingerprint(finding.fingerprint, edge);
        byFindingObject.set(finding, shared);
        return shared;
      }
      lists.add(list, edge);
      return list;
    }
    if (evidence.finding) return listOfFingerprint(evidence.finding, edge);
    if (WORKLOAD_KINDS.has(evidence.object.kind)) return -1;
    let list = listOfRef.get(evidence.object);
    if (list === undefined) {
      list = byObject.get(evidence.object);
      if (list === undefined) {
        const created = lists.create(edge);
        byObject.set(evidence.object, created);
        listOfRef.set(evidence.object, created);
        return created;
      }
      listOfRef.set(evidence.object, list);
    }
    lists.add(list, edge);
    return list;
  };
  // The lists the current evidence slot feeds, one per piece (repeats kept): consecutive edges often share their
  // evidence (one grant's edges to every service account), and then share these lists.
  const fed: number[] = [];
  let current: EvidenceSlot | undefined;
  // Indexed loops: this runs once per analysis, mostly before it is optimised, and for…of allocated an iterator
  // result per edge and per piece of evidence (60 MB at 50,000 pods).
  const slots = graph.evidenceSlots;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index];
    if (slot === current) {
      for (let item = 0; item < fed.length; item++) lists.add(fed[item], index);
      continue;
    }
    current = slot;
    fed.length = 0;
    if (isList(slot)) {
      for (let item = 0; item < slot.length; item++) {
        const list = listOf(slot[item], index);
        if (list >= 0) fed.push(list);
      }
    } else {
      const list = listOf(slot, index);
      if (list >= 0) fed.push(list);
    }
  }
  return { lists, byFinding, byFindingObject, byObject };
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
