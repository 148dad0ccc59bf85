/**
 * Pod groups: the pods one workload object runs, as NetworkPolicy sees them (namespace, labels, ports, host network).
 * A minimal extraction kept behind `podGroupsFromObjects` so it can be swapped for the shared model later.
 */
import { asArray, asBoolean, asNumber, asRecord, asString, asStringMap, isRecord, NO_STRINGS, type JsonRecord } from '../model/json.js';
import { objectKey, type K8sObject, type ObjectMeta, type ObjectRef, type SourceRef } from '../model/object.js';
import type { Labels } from './label-selector.js';
import { asProtocol, type Protocol } from './ports.js';

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface PodGroup {
  kind: 'pod-group';
  /** `Kind/namespace/name` of the owner, unique in one analysis. */
  id: string;
  namespace: string;
  namespaceLabels: Labels;
  podLabels: Labels;
  ports: readonly ContainerPort[];
  hostNetwork: boolean;
  owner: ObjectRef;
  source: SourceRef;
}

/** The label every namespace carries since Kubernetes 1.22, set by the API server even if no manifest says so. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

// Read without getPath and its path arrays: this runs on every object of the input (140,000 at 50,000 pods).
function podTemplateOf(object: K8sObject): JsonRecord | undefined {
  const objectSpec = asRecord(object.raw.spec);
  if (objectSpec === undefined) return undefined;
  return object.kind === 'CronJob' ? asRecord(asRecord(asRecord(objectSpec.jobTemplate)?.spec)?.template) : asRecord(objectSpec.template);
}

/** The spec of the pods an object runs: a Pod's own, or its template's when that lists containers. */
function podSpecOf(object: K8sObject): JsonRecord | undefined {
  if (object.kind === 'Pod') return asRecord(object.raw.spec);
  const spec = asRecord(podTemplateOf(object)?.spec);
  return spec === undefined || !Array.isArray(spec.containers) ? undefined : spec;
}

function podLabelsOf(object: K8sObject): Labels {
  return object.kind === 'Pod' ? object.metadata.labels : stringLabels(asRecord(podTemplateOf(object)?.metadata)?.labels);
}

/**
 * A template's labels as read when every value is a string (the API server has them so), as the workload model
 * reads them: no copy per group (16,000 at 50,000 pods). A typed copy otherwise, and the shared empty map for none.
 */
function stringLabels(value: unknown): Labels {
  if (!isRecord(value)) return NO_STRINGS;
  for (const key in value) if (typeof value[key] !== 'string' || key === '__proto__') return asStringMap(value);
  return value as Labels;
}

function containerPortsOf(spec: JsonRecord, known: KnownPorts): readonly ContainerPort[] {
  const ports: ContainerPort[] = [];
  const containers = asArray(spec.containers);
  for (let position = 0; position < containers.length; position++) addContainerPorts(ports, containers[position], known);
  // Sidecars (init containers that keep running) serve ports too; other init containers have exited.
  const initContainers = asArray(spec.initContainers);
  for (let position = 0; position < initContainers.length; position++) {
    const container = initContainers[position];
    if (isRecord(container) && container.restartPolicy === 'Always') addContainerPorts(ports, container, known);
  }
  // Kept by every group: an array the length of its ports (one grown by push keeps room for 16), none when empty.
  if (ports.length === 0) return NO_PORTS;
  return ports.length === 1 ? known.single(ports[0]) : ports.slice();
}

/**
 * The container ports read so far, one object per name, number and protocol, and one list per single port: most
 * workloads serve one port that many others serve too (`http` on 8080), and each group kept its own (1.6 MB at
 * 50,000 pods). Ports are read, never changed.
 */
class KnownPorts {
  private readonly byName = new Map<string, Map<number, Map<Protocol, ContainerPort>>>();
  private readonly singles = new Map<ContainerPort, readonly ContainerPort[]>();

  port(name: string | undefined, port: number, protocol: Protocol): ContainerPort {
    let byPort = this.byName.get(name ?? '');
    if (byPort === undefined) this.byName.set(name ?? '', (byPort = new Map()));
    let byProtocol = byPort.get(port);
    if (byProtocol === undefined) byPort.set(port, (byProtocol = new Map()));
    let known = byProtocol.get(protocol);
    if (known === undefined) byProtocol.set(protocol, (known = name !== undefined ? { name, port, protocol } : { port, protocol }));
    return known;
  }

  single(port: ContainerPort): readonly ContainerPort[] {
    let list = this.singles.get(port);
    if (list === undefined) this.singles.set(port, (list = [port]));
    return list;
  }
}

function addContainerPorts(ports: ContainerPort[], container: unknown, known: KnownPorts): void {
  const entries = asArray(asRecord(container)?.ports);
  for (let position = 0; position < entries.length; position++) {
    const entry = entries[position];
    if (!isRecord(entry)) continue;
    const port = asNumber(entry.containerPort);
    if (port === undefined || !Number.isInteger(port)) continue;
    const protocol = entry.protocol === undefined ? 'TCP' : asProtocol(entry.protocol);
    if (protocol === undefined) continue;
    const name = asString(entry.name);
    ports.push(known.port(name !== undefined && name !== '' ? name : undefined, port, protocol));
  }
}

const NO_PORTS: readonly ContainerPort[] = [];

/** Labels of every namespace the input declares or names, with the automatic name label added. */
export function namespaceLabelsFromObjects(objects: readonly K8sObject[]): Map<string, Labels> {
  // One indexed pass over every object of the input: it runs once, before it is optimised (an iterator result per
  // object and pass was 10 MB of garbage at 50,000 pods). Namespace objects come first in the map, then the namespaces
  // other objects name, in the order first named; objects of one namespace mostly come together.
  const declared: K8sObject[] = [];
  const named: string[] = [];
  let previous: string | undefined;
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position];
    if (object.kind === 'Namespace') {
      if (object.apiVersion === 'v1') declared.push(object);
      continue;
    }
    // Only namespaces objects actually name: cluster-scoped objects (no namespace) must not conjure up `default`.
    const namespace = object.metadata.namespace;
    if (namespace === undefined || namespace === previous) continue;
    previous = namespace;
    named.push(namespace);
  }
  const labels = new Map<string, Labels>();
  for (let position = 0; position < declared.length; position++) {
    const object = declared[position];
    labels.set(object.metadata.name, { ...object.metadata.labels, [NAMESPACE_NAME_LABEL]: object.metadata.name });
  }
  for (let position = 0; position < named.length; position++) {
    const namespace = named[position];
    if (!labels.has(namespace)) labels.set(namespace, { [NAMESPACE_NAME_LABEL]: namespace });
  }
  return labels;
}

/**
 * One group per pod-running object. Objects run by a controller that is itself in the input (a Pod of a
 * ReplicaSet, a ReplicaSet of a Deployment, a Job of a CronJob) are skipped: their controller's group stands for
 * them, and per-pod labels such as `statefulset.kubernetes.io/pod-name` would otherwise split classes needlessly.
 */
export function podGroupsFromObjects(
  objects: readonly K8sObject[],
  defaultNamespace: string,
  namespaceLabels: ReadonlyMap<string, Labels> = namespaceLabelsFromObjects(objects),
): PodGroup[] {
  return podGroupsWithObjects(objects, defaultNamespace, namespaceLabels).groups;
}

/**
 * podGroupsFromObjects, with the object each group was read from (at the same position). `byKind`, the objects of
 * each kind in input order (the estate's index), spares a scan of every object for each kind an owner reference names.
 */
export function podGroupsWithObjects(
  objects: readonly K8sObject[],
  defaultNamespace: string,
  namespaceLabels: ReadonlyMap<string, Labels>,
  byKind?: ReadonlyMap<string, readonly K8sObject[]>,
): { groups: PodGroup[]; objects: K8sObject[] } {
  // One pass, no list of the pod-running objects: 240,000 of them at 150,000 pods, copied as the lists grew, were
  // old-generation garbage that brought the next full collection closer.
  const runners = new PodRunnersByName(objects, defaultNamespace, byKind);
  const groups: PodGroup[] = [];
  const groupObjects: K8sObject[] = [];
  const knownPorts = new KnownPorts();
  const usedIds = new Set<string>();
  for (let position = 0; position < objects.length; position++) {
    const object = objects[position];
    const spec = podSpecOf(object);
    if (spec === undefined) continue;
    const namespace = object.metadata.namespace ?? defaultNamespace;
    if (runners.controlsAny(object.metadata.ownerReferences, namespace)) continue;
    // One literal with the namespace in it (the group's owner is kept as long as the analysis).
    const owner: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace };
    if (object.source.cluster !== undefined) owner.cluster = object.source.cluster;
    const key = objectKey(owner);
    let id = key;
    for (let copy = 2; usedIds.has(id); copy++) id = `${key}#${copy}`;
    usedIds.add(id);
    groups.push({
      kind: 'pod-group',
      id,
      namespace,
      namespaceLabels: namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace },
      podLabels: podLabelsOf(object),
      ports: containerPortsOf(spec, knownPorts),
      hostNetwork: asBoolean(spec.hostNetwork) === true,
      owner,
      source: object.source,
    });
    groupObjects.push(object);
  }
  return { groups, objects: groupObjects };
}

/**
 * The pod-running objects by kind, namespace and name, to tell whether an owner reference points at one: looked up by
 * the reference's own strings, where a `Kind/namespace/name` key per object and per reference cost more than the rest
 * of the pass. By namespace before name: a Deployment `api` in each of 3,000 namespaces was one list of 3,000 objects
 * to search for each of their ReplicaSets. A kind is indexed when a reference first names it: nothing ever names a
 * Pod as its controller, and Pods are most of the objects.
 */
class PodRunnersByName {
  private readonly namesByKind = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly objects: readonly K8sObject[],
    private readonly defaultNamespace: string,
    private readonly byKind: ReadonlyMap<string, readonly K8sObject[]> | undefined,
  ) {}

  /** Some reference, not marked `controller: false`, names a pod-running object of the namespace. */
  controlsAny(owners: ObjectMeta['ownerReferences'], namespace: string): boolean {
    if (owners === undefined) return false;
    for (let position = 0; position < owners.length; position++) {
      const owner = owners[position];
      if (owner.controller === false || owner.kind === undefined || owner.name === undefined) continue;
      if (this.namesOf(owner.kind).get(namespace)?.has(owner.name) === true) return true;
    }
    return false;
  }

  /** namespace → names of the kind's pod-running objects. */
  private namesOf(kind: string): Map<string, Set<string>> {
    let names = this.namesByKind.get(kind);
    if (names === undefined) {
      names = new Map();
      const candidates = this.byKind === undefined ? this.objects : (this.byKind.get(kind) ?? NO_OBJECTS);
      for (let position = 0; position < candidates.length; position++) {
        const object = candidates[position];
        if (object.kind !== kind || podSpecOf(object) === undefined) continue;
        const namespace = object.metadata.namespace ?? this.defaultNamespace;
        const inNamespace = names.get(namespace);
        if (inNamespace === undefined) names.set(namespace, new Set<string>().add(object.metadata.name));
        else inNamespace.add(object.metadata.name);
      }
      this.namesByKind.set(kind, names);
    }
    return names;
  }
}

const NO_OBJECTS: readonly K8sObject[] = [];
