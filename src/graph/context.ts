/**
 * What every edge module builds from: the estate, the findings, shared indexes (RBAC, network, placement), built
 * lazily and once, and the base nodes (entry points, workloads, identities, namespaces, Secrets, nodes) that the
 * modules connect. Building is linear in the objects: everything is indexed by namespace, service account and node.
 */
import type { Estate } from '../model/estate.js';
import type { Finding } from '../engine/finding.js';
import type { ObjectRef } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { analysedWorkloads } from '../rules/helpers.js';
import { serviceAccount, type RbacIndex, type Subject } from '../rbac/index.js';
import { rbacOfEstate } from '../rbac/estate-rbac.js';
import type { NetworkAnalysis } from '../network/index.js';
import { networkOfEstate } from '../network/estate-network.js';
import { GraphBuilder } from './graph.js';
export { NO_EVIDENCE } from './graph.js';
export { WHOLE_OBJECT, objectEvidence, findingEvidence, grantEvidence } from './evidence.js';
import type { Difficulty, Evidence, TechniqueMeta } from './types.js';
import * as nodes from './nodes.js';
import { computePlacement, type Placement } from './placement.js';
import { computePermissions, type IdentityPermissions } from './permissions.js';
import { ObjectTable } from './object-table.js';

export interface GraphOptions {
  defaultNamespace: string;
  kubernetesVersion?: string;
  /** User-named crown jewels: `namespace:NAME`, `label:KEY=VALUE`, `secret:NAMESPACE/NAME`. */
  crownJewels?: readonly string[];
}

export interface GraphInput {
  estate: Estate;
  /** Every finding of the run, the cluster's own components included: escapes are escapes whoever owns the pod. */
  findings: readonly Finding[];
  options: GraphOptions;
  /** Shared indexes, when the caller already built them. */
  rbac?: RbacIndex;
  network?: NetworkAnalysis;
}

/** The structural step from a junction to what it stands for ("every namespace" includes kube-system). */
export const CONTAINS: TechniqueMeta = {
  id: 'CONTAINS',
  title: 'includes',
  attack: [],
  microsoft: [],
  difficulty: 'given',
  description: 'Not an attack: a position that stands for several (every namespace, every workload of a namespace, every node) includes each of them.',
};

export class BuildContext {
  readonly graph = new GraphBuilder();
  readonly notes: string[] = [];
  readonly workloads: readonly Workload[];
  readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly workloadByRef = new ObjectTable<Workload>();
  private readonly workloadIndex = new Map<Workload, number>();
  private readonly workloadNodesByPosition: Array<number | undefined> = [];
  private readonly findingsByRuleId = new Map<string, Finding[]>();
  /** namespace → service-account name → identity node. */
  private readonly serviceAccountsByNamespace = new Map<string, Map<string, number>>();
  /** serviceAccountNodes(scope) of a namespace, or of every namespace (''), until an account is added there. */
  private readonly serviceAccountLists = new Map<string, readonly number[]>();
  private namespaceList: { accountNamespaces: number; names: readonly string[] } | undefined;
  /** Every identity node, with the subject it stands for. */
  readonly identities = new Map<number, Subject>();
  private rbacIndexes: RbacIndex[] | undefined;
  private networkAnalysis: NetworkAnalysis | undefined;
  private placementCache: Placement | undefined;
  private permissionsCache: IdentityPermissions[] | undefined;

  /**
   * `readRules`: the rules whose findings the modules read (their `rules`); only those are indexed (40,000 of 270,000
   * findings at 50,000 pods), and asking for another is a module that forgot to declare it.
   */
  constructor(
    readonly input: GraphInput,
    private readonly readRules?: ReadonlySet<string>,
  ) {
    this.networkAnalysis = input.network;
    this.workloads = analysedWorkloads(input.estate);
    // Indexed loops: run once per analysis, mostly unoptimised, where for…of allocates per element.
    // Findings come sorted by severity and rule, in long runs of one rule: the rule's list is looked up when the rule
    // changes, not for each of 800,000 findings (most of which belong to rules no module reads).
    const { findings } = input;
    let lastRuleId: string | undefined;
    let list: Finding[] | undefined;
    for (let index = 0; index < findings.length; index++) {
      const finding = findings[index];
      const ruleId = finding.ruleId;
      if (ruleId !== lastRuleId) {
        lastRuleId = ruleId;
        list = undefined;
        if (readRules === undefined || readRules.has(ruleId)) {
          list = this.findingsByRuleId.get(ruleId);
          if (list === undefined) this.findingsByRuleId.set(ruleId, (list = []));
        }
      }
      if (list !== undefined) list.push(finding);
    }
    for (let index = 0; index < this.workloads.length; index++) {
      const workload = this.workloads[index];
      this.workloadByRef.set(workload.ref, workload);
      push(this.workloadsByNamespace, workload.namespace, workload);
    }
  }

  get estate(): Estate {
    return this.input.estate;
  }

  findingsOf(ruleId: string): readonly Finding[] {
    if (this.readRules !== undefined && !this.readRules.has(ruleId)) throw new Error(`a technique module reads the findings of ${ruleId} without naming the rule in its rules`);
    return this.findingsByRuleId.get(ruleId) ?? [];
  }

  workloadOf(ref: ObjectRef): Workload | undefined {
    return this.workloadByRef.get(ref);
  }

  /**
   * The node of workloads[position]: modules that walk every workload read it by position, not through the map
   * (165,000 lookups by workload at 50,000 pods).
   */
  workloadNodeAt(position: number): number {
    let node = this.workloadNodesByPosition[position];
    if (node === undefined) this.workloadNodesByPosition[position] = node = this.workloadNode(this.workloads[position]);
    return node;
  }

  workloadNode(workload: Workload): number {
    let index = this.workloadIndex.get(workload);
    if (index === undefined) {
      index = nodes.workloadNode(this.graph, workload);
      this.workloadIndex.set(workload, index);
    }
    return index;
  }

  /**
   * The RBAC index of each cluster of the estate, shared with the rules (rbacOfEstate). The graph does not separate
   * clusters: with several, their identities of the same name are one node (said in the notes).
   */
  rbac(): RbacIndex[] {
    if (this.rbacIndexes === undefined) {
      this.rbacIndexes = this.input.rbac ? [this.input.rbac] : rbacOfEstate(this.estate, this.input.options.kubernetesVersion).map((cluster) => cluster.index);
      if (this.rbacIndexes.length > 1) this.note(`The input holds ${this.rbacIndexes.length} clusters; the attack graph joins identities of the same name across them.`);
    }
    return this.rbacIndexes;
  }

  network(): NetworkAnalysis {
    // Shared with the network rules: one analysis per estate (the estate carries the same default namespace).
    this.networkAnalysis ??= networkOfEstate(this.estate);
    return this.networkAnalysis;
  }

  placement(): Placement {
    this.placementCache ??= computePlacement(this);
    return this.placementCache;
  }

  permissions(): IdentityPermissions[] {
    this.permissionsCache ??= computePermissions(this);
    return this.permissionsCache;
  }

  /**
   * Every namespace the input names, plus kube-system and default, which every cluster has. Sorted once for as long
   * as no service account names a new namespace (grants of a cluster-wide role used to sort them per holder).
   */
  namespaces(): readonly string[] {
    const accountNamespaces = this.serviceAccountsByNamespace.size;
    if (this.namespaceList?.accountNamespaces !== accountNamespaces) {
      const names = new Set<string>([...this.estate.namespaces.keys(), nodes.KUBE_SYSTEM, 'default', ...this.serviceAccountsByNamespace.keys()]);
      this.namespaceList = { accountNamespaces, names: [...names].sort() };
    }
    return this.namespaceList.names;
  }

  /** Service accounts known in a namespace: objects, binding subjects, names pods use, and `default`. */
  serviceAccountsOf(namespace: string): Subject[] {
    return [...(this.serviceAccountsByNamespace.get(namespace)?.keys() ?? [])].map((name) => serviceAccount(namespace, name));
  }

  addServiceAccount(namespace: string, name: string): number {
    let known = this.serviceAccountsByNamespace.get(namespace);
    if (known === undefined) this.serviceAccountsByNamespace.set(namespace, (known = new Map()));
    const existing = known.get(name);
    if (existing !== undefined) return existing;
    const subject = serviceAccount(namespace, name);
    const node = nodes.identityNode(this.graph, subject);
    known.set(name, node);
    this.serviceAccountLists.delete(namespace);
    this.serviceAccountLists.delete('');
    this.identities.set(node, subject);
    return node;
  }

  identity(subject: Subject): number {
    if (subject.kind === 'ServiceAccount') return this.addServiceAccount(subject.namespace, subject.name);
    const node = nodes.identityNode(this.graph, subject);
    this.identities.set(node, subject);
    return node;
  }

  /**
   * Service-account identity nodes of one namespace, or of every namespace for the cluster scope (''). Without
   * names, the list is kept until an account is added in scope: thousands of holders of a cluster-wide grant share it.
   */
  serviceAccountNodes(scope: string, names?: readonly string[]): readonly number[] {
    if (names === undefined) {
      let list = this.serviceAccountLists.get(scope);
      if (list === undefined) this.serviceAccountLists.set(scope, (list = this.serviceAccountsIn(scope)));
      return list;
    }
    return this.serviceAccountsIn(scope, names);
  }

  private serviceAccountsIn(scope: string, names?: readonly string[]): number[] {
    const out: number[] = [];
    const collect = (known: ReadonlyMap<string, number>): void => {
      if (names) for (const name of names) {
        const node = known.get(name);
        if (node !== undefined) out.push(node);
      }
      else for (const node of known.values()) out.push(node);
    };
    if (scope !== '') {
      const known = this.serviceAccountsByNamespace.get(scope);
      if (known) collect(known);
    } else for (const known of this.serviceAccountsByNamespace.values()) collect(known);
    return out;
  }

  edge(from: number, to: number, technique: TechniqueMeta, evidence: readonly Evidence[], difficulty: Difficulty = technique.difficulty): void {
    this.graph.edge(from, to, technique.id, difficulty, evidence);
  }

  contains(from: number, to: number): void {
    this.graph.edge(from, to, CONTAINS.id, 'given');
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
