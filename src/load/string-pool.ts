/**
 * One copy of each short string of a load. JSON.parse and the YAML parser make a new string for every value, so a
 * dump holds its namespace names, kinds, API versions, label values, node names and images tens of thousands of
 * times over: at 10,000 pods, 15 MB of strings of which 2.6 MB are distinct. Interning them as objects are read
 * keeps one of each. A pool lives for one load and is dropped with it: nothing is kept across analyses. It shares
 * a few small values of Pods the same way: owner reference lists, labels and partial specs (see `ownerList`).
 *
 * Only strings that can repeat go in (see `internObject`). At 150,000 pods, the names and uids of objects were
 * 500,000 of the pool's 800,000 strings: never found again, they only made the table larger and each look-up a cache
 * miss (intern took 1.8 s of the load).
 */
import type { ObjectMeta } from '../model/object.js';
import { isRecord } from '../model/json.js';
import { valueNestsDeeperThan } from './nesting.js';

/** Longer strings (scripts, certificates, JSON in annotations) are rarely repeated; hashing them would cost for nothing. */
const MAX_INTERNED_LENGTH = 256;

type OwnerReferences = NonNullable<ObjectMeta['ownerReferences']>;

/**
 * V8's JSON.parse keeps one copy of each string value of up to 10 characters (it internalizes them), so pooling those
 * would only cost: the look-ups of 6 strings in 10 of a dump.
 */
const JSON_PARSE_SHARES_UP_TO = 10;

export class StringPool {
  private readonly strings: Map<string, string>;
  /** Single-owner lists by the owner's uid. */
  private readonly owners: Map<string, OwnerReferences>;
  private readonly labelsByOwner: Map<string, Record<string, string>>;
  private readonly specsByNode: Map<string, Record<string, unknown>>;
  /** Strings of at most this length are not pooled: the parser shared them already (see forJsonValues). */
  private readonly sharedUpTo: number;
  private jsonView: StringPool | undefined;

  constructor(of?: StringPool) {
    this.strings = of?.strings ?? new Map();
    this.owners = of?.owners ?? new Map();
    this.labelsByOwner = of?.labelsByOwner ?? new Map();
    this.specsByNode = of?.specsByNode ?? new Map();
    this.sharedUpTo = of === undefined ? 0 : JSON_PARSE_SHARES_UP_TO;
  }

  /** The same pool, for values made by JSON.parse: their short strings are shared by V8 already, and are not pooled. */
  forJsonValues(): StringPool {
    return (this.jsonView ??= new StringPool(this));
  }

  /**
   * The pool's copy of a one-owner reference list (every Pod of a ReplicaSet, Job, DaemonSet… names the same owner),
   * which becomes the copy when it is the first with that owner uid. Two lists are the same when the model cannot
   * tell them apart (apiVersion, kind, name, uid, controller). Callers never change such lists.
   */
  ownerList(list: OwnerReferences): OwnerReferences {
    if (list.length !== 1) return list;
    const owner = list[0];
    if (owner.uid === undefined) return list;
    const known = this.owners.get(owner.uid);
    if (known === undefined) {
      // The first list stays: its strings are the ones the owner's own (pooled) name and uid can share.
      if (owner.apiVersion !== undefined) owner.apiVersion = this.intern(owner.apiVersion);
      if (owner.kind !== undefined) owner.kind = this.intern(owner.kind);
      if (owner.name !== undefined) owner.name = this.intern(owner.name);
      owner.uid = this.intern(owner.uid);
      this.owners.set(owner.uid, list);
      return list;
    }
    const first = known[0];
    const same = first.apiVersion === owner.apiVersion && first.kind === owner.kind && first.name === owner.name && (first.controller === true) === (owner.controller === true);
    return same ? known : list;
  }

  /**
   * The labels of a Pod of `ownerUid`, as an earlier Pod of that owner had them when they are the same keys and values
   * in the same order (a ReplicaSet's Pods carry their template's labels): 150,000 Pods, a few thousand owners. Shared
   * labels are frozen, so that a change meant for one Pod fails loudly instead of reaching its siblings, and their
   * values are the pool's: asked before the strings of a Pod are pooled, so that those of its labels never are.
   */
  podLabels(ownerUid: string, labels: Record<string, string>): Record<string, string> {
    const known = this.labelsByOwner.get(ownerUid);
    if (known !== undefined && sameStrings(known, labels)) return known;
    if (known === undefined) {
      for (const key in labels) if (key !== '__proto__') labels[key] = this.intern(labels[key]);
      this.labelsByOwner.set(ownerUid, Object.freeze(labels));
    }
    return labels;
  }

  /**
   * What is kept of the spec of a Pod read without it (see K8sObject.partial): one frozen `{ nodeName }` per node,
   * whose name is the pool's.
   */
  partialPodSpec(nodeName: string): Record<string, unknown> {
    let spec = this.specsByNode.get(nodeName);
    if (spec === undefined) {
      const pooled = this.intern(nodeName);
      spec = Object.freeze({ nodeName: pooled });
      this.specsByNode.set(pooled, spec);
    }
    return spec;
  }

  /** The pool's copy of `text`, which becomes the copy when it is the first. */
  intern(text: string): string {
    if (text.length > MAX_INTERNED_LENGTH || text.length <= this.sharedUpTo) return text;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /**
   * internValues for a Kubernetes object as read, except for the metadata fields named in `unpooled` (see
   * UNPOOLED_METADATA): their strings stay as read, and their nesting is checked all the same. A frozen value in the
   * object or its metadata is one the pool shares (podLabels, partialPodSpec): its strings are the pool's already, and
   * it holds nothing nested.
   */
  internObject(raw: Record<string, unknown>, maxDepth: number, unpooled: ReadonlySet<string>): boolean {
    if (unpooled.size === 0) return this.internValues(raw, maxDepth);
    if (maxDepth <= 0) return true;
    for (const key in raw) {
      const child = raw[key];
      if (typeof child === 'string') {
        if (key !== '__proto__') raw[key] = this.intern(child);
      } else if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) {
        if (key === 'metadata' && isRecord(child) ? this.internMetadata(child, maxDepth - 1, unpooled) : this.internValues(child, maxDepth - 1)) return true;
      }
    }
    return false;
  }

  private internMetadata(metadata: Record<string, unknown>, maxDepth: number, unpooled: ReadonlySet<string>): boolean {
    if (maxDepth <= 0) return true;
    for (const key in metadata) {
      const child = metadata[key];
      if (typeof child === 'string') {
        if (key !== '__proto__' && !unpooled.has(key)) metadata[key] = this.intern(child);
      } else if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) {
        if (unpooled.has(key) ? valueNestsDeeperThan(child, maxDepth - 1) : this.internValues(child, maxDepth - 1)) return true;
      }
    }
    return false;
  }

  /**
   * Replaces, in place, every short string value of a parsed value (object keys are already shared by the parsers)
   * with the pool's copy: equal strings stay equal, only which copy holds the characters changes. It is also the
   * nesting guard of load/nesting.ts (one walk rather than two over every object of a dump): it returns true, and
   * stops, when the value nests deeper than `maxDepth`, exactly as valueNestsDeeperThan does, and never recurses
   * deeper than that.
   */
  internValues(value: unknown, maxDepth: number): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (maxDepth <= 0) return true;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const child: unknown = value[index];
        // Always stored: === compares the characters, so it cannot tell the pool's copy from another one.
        if (typeof child === 'string') value[index] = this.intern(child);
        else if (typeof child === 'object' && child !== null && this.internValues(child, maxDepth - 1)) return true;
      }
    } else {
      const record = value as Record<string, unknown>;
      // for…in: parsed JSON and YAML are plain objects, whose prototype has no enumerable key.
      for (const key in record) {
        const child = record[key];
        if (typeof child === 'string') {
          // A "__proto__" key (JSON.parse makes it an own key) is left alone: assigning it would go to the prototype.
          if (key !== '__proto__') record[key] = this.intern(child);
        } else if (typeof child === 'object' && child !== null && this.internValues(child, maxDepth - 1)) return true;
      }
    }
    return false;
  }
}

/** The same keys with the same values, in the same order (the order is what a dump shows). */
function sameStrings(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index];
    if (key !== others[index] || a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * The metadata fields of an object of a kind whose strings nothing else in an input repeats, so that pooling them
 * would cost for nothing. A Pod's name and uid are its own (its owner list names its owner, and is shared whole by
 * ownerList). Another object's uid repeats only in the owner references of what it controls: workload controllers
 * keep theirs pooled, other kinds do not. Names repeat across namespaces (default, kube-root-ca.crt) and stay in.
 */
export function unpooledMetadata(kind: string): ReadonlySet<string> {
  if (kind === 'Pod') return POD_UNPOOLED;
  return CONTROLLER_KINDS.has(kind) ? NOTHING_UNPOOLED : UID_UNPOOLED;
}

const POD_UNPOOLED: ReadonlySet<string> = new Set(['name', 'uid', 'ownerReferences']);
const UID_UNPOOLED: ReadonlySet<string> = new Set(['uid']);
const NOTHING_UNPOOLED: ReadonlySet<string> = new Set();
/** The kinds that own Pods, ReplicaSets or Jobs in a dump (and the custom kinds that replace Deployments). */
const CONTROLLER_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'Rollout', 'DeploymentConfig']);
