/**
 * Pod groups: the pods one workload object runs, as NetworkPolicy sees them (namespace, labels, ports, host network).
 * A minimal extraction kept behind `podGroupsFromObjects` so it can be swapped for the shared model later.
 */
import { asArray, asBoolean, asNumber, asRecord, asString, asStringMap, getPath, isRecord } from '../model/json.js';
import { objectKey, objectRef, type K8sObject, type ObjectRef, type SourceRef } from '../model/object.js';
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

interface PodTemplate {
  labels: Labels;
  spec: Record<string, unknown>;
}

function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  if (object.kind === 'Pod') {
    const spec = asRecord(object.raw.spec);
    return spec === undefined ? undefined : { labels: object.metadata.labels, spec };
  }
  const template =
    object.kind === 'CronJob' ? getPath(object.raw, ['spec', 'jobTemplate', 'spec', 'template']) : getPath(object.raw, ['spec', 'template']);
  const spec = asRecord(getPath(template, ['spec']));
  if (spec === undefined || !Array.isArray(spec.containers)) return undefined;
  return { labels: asStringMap(getPath(template, ['metadata', 'labels'])), spec };
}

function containerPortsOf(spec: Record<string, unknown>): ContainerPort[] {
  // Sidecars (init containers that keep running) serve ports too; other init containers have exited.
  const sidecars = asArray(spec.initContainers).filter((container) => isRecord(container) && container.restartPolicy === 'Always');
  const ports: ContainerPort[] = [];
  for (const container of [...asArray(spec.containers), ...sidecars]) {
    for (const entry of asArray(getPath(container, ['ports']))) {
      if (!isRecord(entry)) continue;
      const port = asNumber(entry.containerPort);
      if (port === undefined || !Number.isInteger(port)) continue;
      const protocol = entry.protocol === undefined ? 'TCP' : asProtocol(entry.protocol);
      if (protocol === undefined) continue;
      const name = asString(entry.name);
      ports.push(name !== undefined && name !== '' ? { name, port, protocol } : { port, protocol });
    }
  }
  return ports;
}

/** Labels of every namespace the input declares or names, with the automatic name label added. */
export function namespaceLabelsFromObjects(objects: readonly K8sObject[]): Map<string, Labels> {
  const labels = new Map<string, Labels>();
  const ensure = (namespace: string): void => {
    if (!labels.has(namespace)) labels.set(namespace, { [NAMESPACE_NAME_LABEL]: namespace });
  };
  for (const object of objects) {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1')
      labels.set(object.metadata.name, { ...object.metadata.labels, [NAMESPACE_NAME_LABEL]: object.metadata.name });
  }
  // Only namespaces objects actually name: cluster-scoped objects (no namespace) must not conjure up `default`.
  for (const object of objects) if (object.kind !== 'Namespace' && object.metadata.namespace !== undefined) ensure(object.metadata.namespace);
  return labels;
}

/**
 * One group per pod-running object. Objects run by a controller that is itself in the input (a Pod of a
 * ReplicaSet, a ReplicaSet of a Deployment, a Job of a CronJob) are skipped: their controller's group stands for
 * them, and per-pod labels such as `statefulset.kubernetes.io/pod-name` would otherwise split classes needlessly.
 */
export function podGroupsFromObjects(objects: readonly K8sObject[], defaultNamespace: string): PodGroup[] {
  const namespaceLabels = namespaceLabelsFromObjects(objects);
  const templates = new Map<K8sObject, PodTemplate>();
  const workloadKeys = new Set<string>();
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (template === undefined) continue;
    templates.set(object, template);
    workloadKeys.add(`${object.kind}/${object.metadata.namespace ?? defaultNamespace}/${object.metadata.name}`);
  }
  const groups: PodGroup[] = [];
  const usedIds = new Set<string>();
  for (const [object, template] of templates) {
    const namespace = object.metadata.namespace ?? defaultNamespace;
    const controlledByInput = (object.metadata.ownerReferences ?? []).some(
      (owner) => owner.controller !== false && workloadKeys.has(`${owner.kind}/${namespace}/${owner.name}`),
    );
    if (controlledByInput) continue;
    const owner = { ...objectRef(object), namespace };
    let id = objectKey(owner);
    for (let copy = 2; usedIds.has(id); copy++) id = `${objectKey(owner)}#${copy}`;
    usedIds.add(id);
    groups.push({
      kind: 'pod-group',
      id,
      namespace,
      namespaceLabels: namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace },
      podLabels: template.labels,
      ports: containerPortsOf(template.spec),
      hostNetwork: asBoolean(template.spec.hostNetwork) === true,
      owner,
      source: object.source,
    });
  }
  return groups;
}
