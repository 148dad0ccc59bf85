/** Workloads of every kind, reduced to what the rules need: a pod template and its containers. */
import type { FieldPath, K8sObject, ObjectRef } from './object.js';
import { objectRef } from './object.js';
import { asArray, asRecord, asString, asStringMap, getPath, isRecord, type JsonRecord } from './json.js';
import { CONTAINER_LISTS, CUSTOM_WORKLOAD_KINDS, POD_TEMPLATE_PATHS, type ContainerList } from './kinds.js';
import { effectiveSecurity, type EffectiveSecurity } from './security-context.js';

export interface Container {
  name: string;
  list: ContainerList;
  index: number;
  /** From the object root, e.g. ['spec','template','spec','containers',0]. */
  path: FieldPath;
  spec: JsonRecord;
  image: string | undefined;
  security: EffectiveSecurity;
}

export interface Workload {
  object: K8sObject;
  ref: ObjectRef;
  kind: string;
  name: string;
  namespace: string;
  /** Path of the pod template (metadata + spec) from the object root; [] for a Pod. */
  templatePath: FieldPath;
  /** Path of the pod spec from the object root. */
  specPath: FieldPath;
  spec: JsonRecord;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  containers: Container[];
  /** spec.serviceAccountName (or the deprecated spec.serviceAccount), else "default". */
  serviceAccountName: string;
  serviceAccountNamePath: FieldPath | undefined;
  /** A kind this tool does not know that carries a pod template at spec.template (Argo Rollout, DeploymentConfig, …). */
  customKind: boolean;
  /** Set when the controller that owns this object (e.g. the Deployment of a ReplicaSet) is also in the input. */
  managedBy?: ObjectRef;
}

/** The template path of a kind, or undefined for objects that are not workloads. */
export function podTemplatePath(object: K8sObject): { path: FieldPath; custom: boolean } | undefined {
  const known = POD_TEMPLATE_PATHS[object.kind];
  if (known) return { path: known, custom: false };
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  if (CUSTOM_WORKLOAD_KINDS.has(`${group}/${object.kind}`) && isRecord(getPath(object.raw, ['spec', 'template']))) return { path: ['spec', 'template'], custom: true };
  // Other CRD workloads: a pod template with containers at spec.template.
  const template = getPath(object.raw, ['spec', 'template', 'spec', 'containers']);
  return Array.isArray(template) ? { path: ['spec', 'template'], custom: true } : undefined;
}

export function buildWorkload(object: K8sObject, namespace: string): Workload | undefined {
  const template = podTemplatePath(object);
  if (!template) return undefined;
  const templateValue = template.path.length === 0 ? object.raw : getPath(object.raw, template.path);
  if (!isRecord(templateValue)) return undefined;
  const specPath = [...template.path, 'spec'];
  const spec = asRecord(templateValue.spec) ?? {};
  const templateMetadata = template.path.length === 0 ? undefined : asRecord(templateValue.metadata);
  const podLabels = templateMetadata ? asStringMap(templateMetadata.labels) : object.metadata.labels;
  const podAnnotations = templateMetadata ? asStringMap(templateMetadata.annotations) : object.metadata.annotations;

  const containers: Container[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((entry, index) => {
      if (!isRecord(entry)) return;
      const path = [...specPath, list, index];
      containers.push({
        name: asString(entry.name) ?? `${list}[${index}]`,
        list,
        index,
        path,
        spec: entry,
        image: asString(entry.image),
        security: effectiveSecurity(spec, specPath, entry, path),
      });
    });
  }
  const serviceAccountField = asString(spec.serviceAccountName) ? 'serviceAccountName' : asString(spec.serviceAccount) ? 'serviceAccount' : undefined;
  return {
    object,
    ref: objectRef(object),
    kind: object.kind,
    name: object.metadata.name,
    namespace,
    templatePath: template.path,
    specPath,
    spec,
    podLabels,
    podAnnotations,
    containers,
    serviceAccountName: serviceAccountField ? (spec[serviceAccountField] as string) : 'default',
    serviceAccountNamePath: serviceAccountField ? [...specPath, serviceAccountField] : undefined,
    customKind: template.custom,
  };
}

/** The pod as Pod Security Admission sees it: the template's metadata and spec. */
export function podView(workload: Workload): { metadata: { annotations: Record<string, string>; labels: Record<string, string> }; spec: JsonRecord } {
  return { metadata: { annotations: workload.podAnnotations, labels: workload.podLabels }, spec: workload.spec };
}
