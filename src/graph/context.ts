/**
 * What every edge module builds from: the estate, the findings, shared indexes (RBAC, network, placement), built
 * lazily and once, and the base nodes (entry points, workloads, identities, namespaces, Secrets, nodes) that the
 * modules connect. Building is linear in the objects: everything is indexed by namespace, service account and node.
 */
import type { Estate } from '../model/estate.js';
import type { Finding } from '../engine/finding.js';
import type { FieldPath, K8sObject, ObjectRef } from '../model/object.js';
import { objectKey, objectRef } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { analysedWorkloads } from '../rules/helpers.js';
import { formatSubject, serviceAccount, type Grant, type RbacIndex, type Subject } from '../rbac/index.js';
import { rbacOfEstate } from '../rbac/estate-rbac.js';
import type { NetworkAnalysis } from '../network/index.js';
import { networkOfEstate } from '../network/estate-network.js';
import { GraphBuilder } from './graph.js';
import type { Difficulty, Evidence, TechniqueMeta } from './types.js';
import * as nodes from './nodes.js';
import { computePlacement, type Placement } from './placement.js';
import { computePermissions, type IdentityPermissions } from './permissions.js';

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
  private readonly workloadByKey = new Map<string, Workload>();
  private readonly workloadIndex = new Map<Workload, number>();
  private readonly findingsByRuleId = new Map<string, Finding[]>();
  /** namespace → service-account name → identity node. */
  private readonly serviceAccountsByNamespace = new Map<string, Map<string, number>>();
  /** Every identity node, with the subject it stands for. */
  readonly identities = new Map<number, Subject>();
  private rbacIndexes: RbacIndex[] | undefined;
  private networkAnalysis: NetworkAnalysis | undefined;
  private placementCache: Placement | undefined;
  private permissionsCache: IdentityPermissions[] | undefined;

  constructor(readonly input: GraphInput) {
    this.networkAnalysis = input.network;
    this.workloads = analysedWorkloads(input.estate);
    for (const finding of input.findings) push(this.findingsByRuleId, finding.ruleId, finding);
    for (const workload of this.workloads) {
      this.workloadByKey.set(objectKey(workload.ref), workload);
      push(this.workloadsByNamespace, workload.namespace, workload);
    }
  }

  get estate(): Estate {
    return this.input.estate;
  }

  findingsOf(ruleId: string): readonly Finding[] {
    return this.findingsByRuleId.get(ruleId) ?? [];
  }

  workloadOf(ref: ObjectRef): Workload | undefined {
    return this.workloadByKey.get(objectKey(ref));
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

  /** Every namespace the input names, plus kube-system and default, which every cluster has. */
  namespaces(): string[] {
    const names = new Set<string>([...this.estate.namespaces.keys(), nodes.KUBE_SYSTEM, 'default', ...this.serviceAccountsByNamespace.keys()]);
    return [...names].sort();
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
    this.identities.set(node, subject);
    return node;
  }

  identity(subject: Subject): number {
    if (subject.kind === 'ServiceAccount') return this.addServiceAccount(subject.namespace, subject.name);
    const node = nodes.identityNode(this.graph, subject);
    this.identities.set(node, subject);
    return node;
  }

  /** Service-account identity nodes of one namespace, or of every namespace for the cluster scope (''). */
  serviceAccountNodes(scope: string, names?: readonly string[]): number[] {
    const namespaces = scope === '' ? [...this.serviceAccountsByNamespace.values()] : [this.serviceAccountsByNamespace.get(scope) ?? new Map<string, number>()];
    const out: number[] = [];
    for (const known of namespaces) {
      if (names) for (const name of names) {
        const node = known.get(name);
        if (node !== undefined) out.push(node);
      }
      else out.push(...known.values());
    }
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

export function objectEvidence(object: K8sObject, fieldPath?: FieldPath, detail?: string): Evidence {
  const evidence: Evidence = { object: objectRef(object), source: object.source };
  if (fieldPath) evidence.fieldPath = fieldPath;
  if (detail) evidence.detail = detail;
  return evidence;
}

export function findingEvidence(finding: Finding): Evidence {
  return { object: finding.object, location: finding.location, fieldPath: finding.fieldPath, finding: finding.fingerprint, detail: finding.message };
}

/** The binding that gives the grant and the rule that allows it, with what it allows in words. */
export function grantEvidence(grant: Grant, allows: string): Evidence[] {
  const { binding, role, ruleOrigin } = grant.via;
  const strip = ({ apiVersion, kind, name, namespace }: ObjectRef): ObjectRef => (namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, name, namespace });
  if (grant.via.bypass) return [{ object: strip(binding), source: binding.source, detail: `members of ${binding.name} bypass RBAC: ${allows}` }];
  const scope = grant.scope.namespace === undefined ? 'cluster-wide' : `in namespace ${grant.scope.namespace}`;
  return [
    { object: strip(binding), source: binding.source, fieldPath: ['roleRef'], detail: `binds ${role.kind} ${role.name} to ${formatSubject(grant.subject)}, ${scope}` },
    { object: strip(ruleOrigin.role), source: ruleOrigin.role.source, fieldPath: ['rules', ruleOrigin.ruleIndex], detail: allows },
  ];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
