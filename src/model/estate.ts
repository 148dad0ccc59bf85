/**
 * The typed, indexed model of an estate: every object once, with its effective namespace, workloads with their
 * containers, and indexes by kind and namespace. Building it is linear in the number of objects.
 */
import type { InputProblem } from '../load/problems.js';
import type { K8sObject } from './object.js';
import { objectKey, objectRef } from './object.js';
import { CLUSTER_SCOPED_KINDS, KNOWN_KINDS } from './kinds.js';
import { buildWorkload, type Workload } from './workload.js';

export interface NamespaceInfo {
  name: string;
  /** The Namespace object, when the input has it. */
  object: K8sObject | undefined;
  /** Its labels, including the automatic kubernetes.io/metadata.name. */
  labels: Record<string, string>;
}

export interface Estate {
  objects: readonly K8sObject[];
  byKind: ReadonlyMap<string, readonly K8sObject[]>;
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  workloads: readonly Workload[];
  /** Keyed by `namespace/name`. */
  serviceAccounts: ReadonlyMap<string, K8sObject>;
  defaultNamespace: string;
  problems: readonly InputProblem[];
}

export interface EstateOptions {
  /** Where objects without a namespace live, as kubectl decides it (default "default"). */
  defaultNamespace?: string;
}

export function isClusterScoped(object: K8sObject): boolean {
  return CLUSTER_SCOPED_KINDS.has(object.kind);
}

export function buildEstate(input: readonly K8sObject[], options: EstateOptions = {}): Estate {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const problems: InputProblem[] = [];
  const seen = new Map<string, K8sObject>();
  const objects: K8sObject[] = [];
  const unknownKinds = new Map<string, K8sObject>();

  for (const original of input) {
    const object = withNamespace(original, defaultNamespace);
    const identity = `${apiGroup(object.apiVersion)}|${object.source.cluster ?? ''}|${objectKey(objectRef(object))}`;
    const first = seen.get(identity);
    if (first) {
      problems.push({
        severity: 'warning',
        file: object.source.file,
        line: object.source.line,
        column: object.source.column,
        message: `duplicate object ${objectKey(objectRef(object))}, first defined at ${first.source.file}:${first.source.line}`,
        skipped: 'this copy (the first one is analysed)',
        hint: 'remove one copy, or scan the two sets separately',
      });
      continue;
    }
    seen.set(identity, object);
    objects.push(object);
    if (!KNOWN_KINDS.has(object.kind) && !unknownKinds.has(object.kind)) unknownKinds.set(object.kind, object);
  }

  const byKind = new Map<string, K8sObject[]>();
  for (const object of objects) {
    const list = byKind.get(object.kind);
    if (list) list.push(object);
    else byKind.set(object.kind, [object]);
  }

  const workloads: Workload[] = [];
  for (const object of objects) {
    const workload = buildWorkload(object, object.metadata.namespace ?? defaultNamespace);
    if (workload) workloads.push(workload);
    else if (unknownKinds.get(object.kind) === object) {
      problems.push({
        severity: 'notice',
        file: object.source.file,
        line: object.source.line,
        column: object.source.column,
        message: `kind ${object.kind} (${object.apiVersion}) is not a kind kubethreat analyses; its objects are kept in the model but no rule reads them`,
      });
    }
  }
  markManagedWorkloads(workloads);

  const namespaces = new Map<string, NamespaceInfo>();
  const addNamespace = (name: string, object?: K8sObject): void => {
    const existing = namespaces.get(name);
    if (existing && (existing.object || !object)) return;
    const labels = { ...(object?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
    namespaces.set(name, { name, object, labels });
  };
  for (const object of byKind.get('Namespace') ?? []) addNamespace(object.metadata.name, object);
  for (const object of objects) if (object.metadata.namespace) addNamespace(object.metadata.namespace);

  const serviceAccounts = new Map<string, K8sObject>();
  for (const account of byKind.get('ServiceAccount') ?? []) serviceAccounts.set(`${account.metadata.namespace}/${account.metadata.name}`, account);

  return {
    objects,
    byKind,
    namespaces: new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    workloads,
    serviceAccounts,
    defaultNamespace,
    problems,
  };
}

function withNamespace(object: K8sObject, defaultNamespace: string): K8sObject {
  if (isClusterScoped(object)) {
    if (object.metadata.namespace === undefined) return object;
    const metadata = { ...object.metadata };
    delete metadata.namespace; // the API server ignores it on cluster-scoped kinds
    return { ...object, metadata };
  }
  if (object.metadata.namespace) return object;
  return { ...object, metadata: { ...object.metadata, namespace: defaultNamespace } };
}

/** A ReplicaSet owned by a Deployment in the same input (or a Pod owned by a ReplicaSet) is analysed through its owner. */
function markManagedWorkloads(workloads: Workload[]): void {
  const byUid = new Map<string, Workload>();
  const byName = new Map<string, Workload>();
  for (const workload of workloads) {
    if (workload.object.metadata.uid) byUid.set(workload.object.metadata.uid, workload);
    byName.set(`${workload.namespace}/${workload.kind}/${workload.name}`, workload);
  }
  for (const workload of workloads) {
    const owner = workload.object.metadata.ownerReferences?.find((reference) => reference.controller);
    if (!owner) continue;
    const found = (owner.uid && byUid.get(owner.uid)) || byName.get(`${workload.namespace}/${owner.kind}/${owner.name}`);
    if (found && found !== workload) workload.managedBy = found.ref;
  }
}

export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function objectsOfKind(estate: Estate, kind: string): readonly K8sObject[] {
  return estate.byKind.get(kind) ?? [];
}
