/**
 * A parsed value → a typed Kubernetes object, or a problem saying why it is not one. Shared by the YAML text path
 * and the streamed JSON List path, so both accept and refuse exactly the same documents.
 */
import { controllerAmong, type K8sObject, type ObjectMeta, type SourceRef } from '../model/object.js';
import { asString, asStringMap, isEmptyRecord, isRecord, NO_STRINGS } from '../model/json.js';
import type { InputProblem } from './problems.js';
import { DEFAULT_MAX_DEPTH, valueNestsDeeperThan } from './nesting.js';
import { dropSecretValues, isSecretKind, LAST_APPLIED } from './sanitize.js';
import { unpooledMetadata, type StringPool } from './string-pool.js';
import type { LoadLedger } from './load-ledger.js';
import { settleTemplateSpec } from './unread-template-specs.js';
import type { AdmittedSamples } from './admitted-samples.js';

export interface ObjectSink {
  objects: K8sObject[];
  problems: InputProblem[];
}

/**
 * Validates the shape every Kubernetes object has, and builds the typed object. `what` names the part of the input
 * that is skipped when the value is not an object ("document 3", "item 7 of the List"). Returns whether it was kept.
 */
export interface AddObjectOptions {
  /** Keep only what the analysis reads of a Pod run by a controller (items of large JSON Lists; see `partial`). */
  partialManagedPods?: boolean;
  /** Share the strings of the object with the other objects of the load (see string-pool.ts). */
  strings?: StringPool;
  /**
   * Drop the API server's per-object bookkeeping that no analysis reads and that is unique to each object
   * (metadata.resourceVersion, creationTimestamp, generation, selfLink): items of large JSON Lists, where it is
   * about 90 bytes of each of hundreds of thousands of objects.
   */
  dropBookkeeping?: boolean;
  /** Notes each object kept (items of JSON Lists: see load-ledger.ts), after taking out a template no analysis reads. */
  ledger?: LoadLedger;
  /**
   * With `partialManagedPods`: keeps, of one Pod per owner, the containers admission added (see admitted-samples.ts);
   * the ledger's when not given.
   */
  admitted?: AdmittedSamples;
}

/** What is skipped, or how to name it from where it is (made only for a problem: 400,000 items of a dump have none). */
export type What = string | ((source: SourceRef) => string);

export function addObject(value: unknown, source: SourceRef, result: ObjectSink, what: What, options: AddObjectOptions = {}): boolean {
  if (!isRecord(value)) {
    return refuse(result, source, what, `not a Kubernetes object (found ${describeValue(value)})`, 'a manifest is a mapping with apiVersion, kind and metadata');
  }
  const apiVersion = asString(value.apiVersion);
  const kind = asString(value.kind);
  const metadataValue = value.metadata;
  if (!kind || !apiVersion) {
    const missing = !kind && !apiVersion ? 'apiVersion and kind are' : !kind ? 'kind is' : 'apiVersion is';
    return refuse(result, source, what, `not a Kubernetes object: ${missing} missing`, 'every manifest needs apiVersion and kind');
  }
  if (!isRecord(metadataValue)) return refuse(result, source, what, `${kind} has no metadata`, 'add metadata.name');
  const generateName = asString(metadataValue.generateName);
  const name = asString(metadataValue.name) ?? (generateName ? `${generateName}*` : undefined);
  if (!name && metadataValue.name !== undefined && metadataValue.name !== null) {
    // YAML 1.1, as Kubernetes reads it, turns `name: yes`, `name: y` or `name: 0755` into a boolean or a number.
    return refuse(result, source, what, `${kind} has a metadata.name that is not a string (${describeValue(metadataValue.name)})`, 'quote the name, e.g. name: "yes"');
  }
  if (!name) return refuse(result, source, what, `${kind} has no metadata.name`, 'add metadata.name (or generateName)');
  let raw = value;
  let secretKeys: string[] | undefined;
  if (isSecretKind(apiVersion, kind)) {
    const sanitized = dropSecretValues(value);
    raw = sanitized.raw;
    secretKeys = sanitized.keys;
  }
  let owners = Array.isArray(metadataValue.ownerReferences) ? typedOwnerReferences(metadataValue.ownerReferences) : undefined;
  const partial = options.partialManagedPods === true && isControlledPodMetadata(apiVersion, kind, asString(metadataValue.namespace) || undefined, owners);
  const admitted = options.admitted ?? options.ledger?.admitted;
  const slimMetadata = slim(raw, kind, options.dropBookkeeping === true, partial, partial ? admitted?.keptSpec(raw.spec, owners) : undefined);
  const detached = options.ledger?.templates.detach(raw, kind, asString(slimMetadata.namespace), asString(metadataValue.uid), owners, source.cluster);
  // A template the parser left unread (unread-fields.ts) is read now if it stays, before the walk below.
  settleTemplateSpec(raw, detached);
  const strings = options.strings;
  // The Pods of one ReplicaSet (Job, DaemonSet…) name the same owner: one list for all of them.
  if (strings && owners !== undefined) owners = strings.ownerList(owners);
  // Before the walk, which then skips what the Pod shares with its siblings (flat values, all strings).
  if (strings && partial) sharePartialPod(raw, slimMetadata, owners, strings);
  // After slim: what it dropped (managedFields, status, the spec of a partial Pod) never reaches the model, so its
  // depth does not matter. With a pool, the walk that checks the depth also shares the strings.
  if (strings ? strings.internObject(raw, DEFAULT_MAX_DEPTH, unpooledMetadata(kind)) : valueNestsDeeperThan(raw, DEFAULT_MAX_DEPTH)) {
    return refuse(result, source, what, `${kind} ${name} nests deeper than ${DEFAULT_MAX_DEPTH} levels; no Kubernetes object does`, 'check that it is a Kubernetes manifest and not generated garbage');
  }
  // Read after the walk: the typed fields hold the pool's copies (name and uid are not pooled: see string-pool.ts).
  const namespace = asString(slimMetadata.namespace);
  const metadata = objectMeta(name, stringMap(slimMetadata.labels), stringMap(slimMetadata.annotations), namespace, asString(metadataValue.uid), owners);
  const sharedApiVersion = asString(raw.apiVersion) ?? apiVersion;
  const sharedKind = asString(raw.kind) ?? kind;
  // One literal per shape: a key added afterwards would cost every such object an out-of-object property array.
  const object: K8sObject = secretKeys
    ? { apiVersion: sharedApiVersion, kind: sharedKind, metadata, raw, source, secretKeys }
    : partial
      ? { apiVersion: sharedApiVersion, kind: sharedKind, metadata, raw, source, partial: true }
      : { apiVersion: sharedApiVersion, kind: sharedKind, metadata, raw, source };
  result.objects.push(object);
  // The ledger notes the templates itself (LoadLedger.note).
  options.admitted?.noteTemplate(object, detached !== undefined);
  options.ledger?.note(object, detached);
  return true;
}

/**
 * What a partial Pod keeps that its siblings have too, shared through the pool: its labels with the other Pods of its
 * owner, its spec (`{ nodeName }`) with the other Pods of its node. 3.5 MB of a 50,000-pod dump.
 */
function sharePartialPod(raw: Record<string, unknown>, metadata: Record<string, unknown>, owners: OwnerReferences | undefined, strings: StringPool): void {
  const nodeName = isRecord(raw.spec) ? raw.spec.nodeName : undefined;
  // A spec that keeps more than its node (ephemeral or admitted containers) is its own.
  if (typeof nodeName === 'string' && keepsOnlyNodeName(raw.spec as Record<string, unknown>)) raw.spec = strings.partialPodSpec(nodeName);
  const ownerUid = owners?.length === 1 ? owners[0].uid : undefined;
  const labels = metadata.labels;
  // Only labels the typed metadata shares as they are (every value a string, see stringMap).
  if (ownerUid !== undefined && isRecord(labels) && stringMap(labels) === labels) metadata.labels = strings.podLabels(ownerUid, labels as Record<string, string>);
}

function keepsOnlyNodeName(spec: Record<string, unknown>): boolean {
  for (const key in spec) if (key !== 'nodeName') return false;
  return true;
}

/** Reports why a value is not kept. A function rather than a closure made for every object read. */
function refuse(result: ObjectSink, source: SourceRef, what: What, message: string, hint: string): false {
  const skipped = typeof what === 'string' ? what : what(source);
  result.problems.push({ severity: 'error', file: source.file, line: source.line, column: source.column, message, skipped, hint });
  return false;
}

/**
 * The owner references as the model types them. A well-typed list (what the API server writes: every `controller`
 * a boolean) is shared with `raw` rather than copied: every Pod and ReplicaSet of a dump has one.
 */
function typedOwnerReferences(references: unknown[]): OwnerReferences {
  let wellTyped = true;
  for (let index = 0; index < references.length && wellTyped; index++) {
    const owner = references[index];
    wellTyped =
      isRecord(owner) &&
      typeof owner.controller === 'boolean' &&
      optionalString(owner.apiVersion) &&
      optionalString(owner.kind) &&
      optionalString(owner.name) &&
      optionalString(owner.uid);
  }
  if (wellTyped) return references as OwnerReferences;
  return references.filter(isRecord).map((owner) => ({
    apiVersion: asString(owner.apiVersion),
    kind: asString(owner.kind),
    name: asString(owner.name),
    uid: asString(owner.uid),
    controller: owner.controller === true,
  }));
}

type OwnerReferences = NonNullable<ObjectMeta['ownerReferences']>;

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/**
 * The typed metadata. A namespaced object with a uid, nearly every object of a dump, gets it as one literal: keys
 * added afterwards would go to an out-of-object property array (40 bytes more each). Keys absent when empty, as ever.
 */
function objectMeta(
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string>,
  namespace: string | undefined,
  uid: string | undefined,
  ownerReferences: OwnerReferences | undefined,
): ObjectMeta {
  if (namespace && uid) {
    return ownerReferences ? { name, labels, annotations, namespace, uid, ownerReferences } : { name, labels, annotations, namespace, uid };
  }
  const metadata: ObjectMeta = { name, labels, annotations };
  if (namespace) metadata.namespace = namespace;
  if (uid) metadata.uid = uid;
  if (ownerReferences) metadata.ownerReferences = ownerReferences;
  return metadata;
}

/** The controllers whose Pods are analysed through them (their pod template), when they are in the input. */
const POD_CONTROLLERS = new Set(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

/** A namespaced v1 Pod whose controller (first ownerReference with controller: true) is a workload controller. */
export function isControlledPod(object: K8sObject): boolean {
  return isControlledPodMetadata(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.ownerReferences);
}

/**
 * Whether a parsed item will be kept as a partial Pod by addObject with `partialManagedPods` (its spec reduced to
 * nodeName): asked before its spec is parsed (see unread-fields.ts).
 */
export function isPartialPodValue(value: Record<string, unknown>): boolean {
  const metadata = value.metadata;
  if (!isRecord(metadata)) return false;
  const owners = Array.isArray(metadata.ownerReferences) ? typedOwnerReferences(metadata.ownerReferences) : undefined;
  return isControlledPodMetadata(asString(value.apiVersion) ?? '', asString(value.kind) ?? '', asString(metadata.namespace) || undefined, owners);
}

function isControlledPodMetadata(apiVersion: string, kind: string, namespace: string | undefined, owners: OwnerReferences | undefined): boolean {
  if (kind !== 'Pod' || apiVersion !== 'v1' || namespace === undefined) return false;
  const owner = controllerAmong(owners);
  return owner !== undefined && owner.kind !== undefined && POD_CONTROLLERS.has(owner.kind) && owner.name !== undefined;
}

/**
 * Of the status, kept only what says where an object is exposed (the addresses of nodes and gateways, the load
 * balancers of services and ingresses) and what a node runs (nodeInfo: the kubelet's version, which
 * kubernetes-version-end-of-life reads; the runtime, kernel and OS). The rest goes: a Node's status lists every image
 * on the node and its conditions, tens of KB each, the largest part of a real cluster's Node.
 */
const STATUS_KEPT: ReadonlyMap<string, readonly string[]> = new Map([
  ['Node', ['addresses', 'nodeInfo']],
  ['Service', ['loadBalancer']],
  ['Ingress', ['loadBalancer']],
  ['Gateway', ['addresses']],
]);

/** Whether addObject keeps part of the status of an object of this kind (with `dropBookkeeping` or not: see slim). */
export function keepsStatus(kind: string): boolean {
  return STATUS_KEPT.has(kind);
}

/** A status without what STATUS_KEPT leaves out; the same object when nothing is left out. */
function keptStatus(status: Record<string, unknown>, kept: readonly string[]): Record<string, unknown> {
  let dropped = false;
  for (const key in status) if (!kept.includes(key)) dropped = true;
  if (!dropped) return status;
  const out: Record<string, unknown> = {};
  for (const key of kept) if (Object.hasOwn(status, key)) out[key] = status[key];
  return out;
}

/** Metadata that records an object's history on the API server, not what it does (see AddObjectOptions.dropBookkeeping). */
const BOOKKEEPING_KEYS: ReadonlySet<string> = new Set(['resourceVersion', 'creationTimestamp', 'generation', 'selfLink']);

/**
 * Drops the bookkeeping the API server adds and no analysis reads (managedFields, the status of workloads, the copy
 * of the whole object kubectl apply keeps in an annotation), so that a cluster dump fits in memory. Of a partial Pod
 * (see K8sObject.partial) it keeps only what the analysis reads: metadata.name, generateName, namespace, labels and
 * annotations, and spec.nodeName and spec.ephemeralContainers (or `admittedSpec`, see admitted-samples.ts); its uid
 * and owners are in the typed metadata. Returns the new metadata. It is a copy rather than `delete`: deleting a key
 * from the middle of an object turns it into a hash table in V8 (about 450 bytes for a metadata object: 7 MB of a
 * 10,000-pod dump).
 */
function slim(raw: Record<string, unknown>, kind: string, dropBookkeeping: boolean, partial: boolean, admittedSpec: Record<string, unknown> | undefined): Record<string, unknown> {
  const original = raw.metadata as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  if (partial) {
    for (const key of PARTIAL_POD_METADATA) if (original[key] !== undefined) copyKey(metadata, key, original[key]);
    raw.spec = admittedSpec ?? partialPodSpec(raw.spec);
  } else {
    for (const key in original) if (key !== 'managedFields' && !(dropBookkeeping && BOOKKEEPING_KEYS.has(key))) copyKey(metadata, key, original[key]);
  }
  raw.metadata = metadata;
  const keptOfStatus = STATUS_KEPT.get(kind);
  if (keptOfStatus === undefined) delete raw.status; // the last key of an object as printed: no hash table
  else if (isRecord(raw.status)) raw.status = keptStatus(raw.status, keptOfStatus);
  return metadata;
}

/**
 * What a partial Pod keeps of its spec: its node, and its ephemeral containers, which only a Pod has (kubectl debug
 * adds them to a running Pod; its controller's template never lists them).
 */
export function partialPodSpec(spec: unknown): Record<string, unknown> {
  if (!isRecord(spec)) return {};
  const kept: Record<string, unknown> = {};
  if (spec.nodeName !== undefined) kept.nodeName = spec.nodeName;
  if (spec.ephemeralContainers !== undefined) kept.ephemeralContainers = spec.ephemeralContainers;
  return kept;
}

/**
 * Copies a metadata key, but not the copy of the whole object kubectl apply keeps in an annotation. Empty labels and
 * annotations become the one frozen empty map (NO_STRINGS), as the typed metadata has them when they are absent: the
 * API server writes `labels: {}` on most objects that have none (56 bytes each, 9 MB of a 150,000-pod dump).
 */
function copyKey(metadata: Record<string, unknown>, key: string, value: unknown): void {
  const kept = key === 'annotations' && isRecord(value) && LAST_APPLIED in value ? without(value, LAST_APPLIED) : value;
  setOwn(metadata, key, (key === 'labels' || key === 'annotations') && isEmptyRecord(kept) ? NO_STRINGS : kept);
}

function without(record: Record<string, unknown>, dropped: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) if (key !== dropped) setOwn(out, key, record[key]);
  return out;
}

/** `target[key] = value`, except that a key "__proto__" (JSON.parse makes it an own key) stays a key. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const PARTIAL_POD_METADATA = ['name', 'generateName', 'namespace', 'labels', 'annotations'];

/** Labels and annotations as read, shared with `raw` when every value is a string (as the API server has them). */
function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return NO_STRINGS;
  for (const key in value) if (typeof value[key] !== 'string') return asStringMap(value);
  return value as Record<string, string>;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return `the ${typeof value} ${String(value)}`;
  return `a ${typeof value}`;
}
