/** Workloads of every kind, reduced to what the rules need: a pod template and its containers. */
import type { FieldPath, K8sObject, ObjectRef } from './object.js';
import { objectRef } from './object.js';
import { asRecord, asString, asStringMap, getPath, isRecord, NO_STRINGS, type JsonRecord } from './json.js';
import { CONTAINER_LISTS, CUSTOM_WORKLOAD_KINDS, POD_TEMPLATE_PATHS, type ContainerList } from './kinds.js';
import { effectiveSecurity, type EffectiveSecurity } from './security-context.js';
import { apiGroup } from './identity-index.js';
import { SharedValues } from './shared-values.js';
import { kubernetesMinorOf } from './kubernetes-version.js';

export interface Container {
  name: string;
  list: ContainerList;
  index: number;
  /** From the object root, e.g. ['spec','template','spec','containers',0]. */
  path: FieldPath;
  spec: JsonRecord;
  image: string | undefined;
  security: EffectiveSecurity;
  /**
   * Set on a container the workload's Pods run that its pod template does not list (see Workload.admitted): the Pod
   * it was read from. `path` and the paths of `security` are then from that Pod's root, not the workload's.
   */
  admittedIn?: K8sObject;
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
  /**
   * Containers its Pods in the input run that no pod template of it lists: added when a Pod was admitted (a service
   * mesh's sidecar and init container, a secrets agent), each read from one Pod (model/admitted-containers.ts).
   * Empty for most workloads, and always for Pods themselves.
   */
  admitted: Container[];
}

/** The containers of the many workloads that list none (ReplicaSets run through their Deployment, Pods of a dump). */
const NO_CONTAINERS: Container[] = Object.freeze([]) as unknown as Container[];

/** Where custom workload kinds keep their pod template. */
const CUSTOM_TEMPLATE_PATH: FieldPath = ['spec', 'template'];

/**
 * The pod spec path of each template path, one array shared by every workload of a kind: 80,000 workloads of a
 * 50,000-pod dump each held a copy (a spread array literal reserves about 20 slots: 230 bytes each).
 */
const SPEC_PATHS: ReadonlyMap<FieldPath, FieldPath> = new Map(
  [...Object.values(POD_TEMPLATE_PATHS), CUSTOM_TEMPLATE_PATH].map((path) => [path, path.concat('spec')]),
);

/**
 * The answers of podTemplatePath: one per built-in kind (a Map rather than POD_TEMPLATE_PATHS[kind], so that a kind
 * named toString or constructor is no workload), one for custom kinds. Shared: callers only read them.
 */
const BUILT_IN_TEMPLATES: ReadonlyMap<string, { path: FieldPath; custom: boolean }> = new Map(
  Object.entries(POD_TEMPLATE_PATHS).map(([kind, path]) => [kind, Object.freeze({ path, custom: false })]),
);
const CUSTOM_TEMPLATE = Object.freeze({ path: CUSTOM_TEMPLATE_PATH, custom: true });
const CUSTOM_CONTAINERS_PATH: FieldPath = ['spec', 'template', 'spec', 'containers'];

/** The template path of a kind, or undefined for objects that are not workloads. */
export function podTemplatePath(object: K8sObject): { path: FieldPath; custom: boolean } | undefined {
  const known = BUILT_IN_TEMPLATES.get(object.kind);
  if (known) return known;
  // Other kinds are most objects of a dump (RoleBindings, Secrets, Services…): nothing is built for them.
  if (isCustomWorkloadKind(object.apiVersion, object.kind) && isRecord(getPath(object.raw, CUSTOM_TEMPLATE_PATH))) return CUSTOM_TEMPLATE;
  // Other CRD workloads: a pod template with containers at spec.template.
  return Array.isArray(getPath(object.raw, CUSTOM_CONTAINERS_PATH)) ? CUSTOM_TEMPLATE : undefined;
}

/** CUSTOM_WORKLOAD_KINDS by kind: an object's group is read only when its kind is one of them. */
const CUSTOM_WORKLOAD_GROUPS: ReadonlyMap<string, readonly string[]> = (() => {
  const groups = new Map<string, string[]>();
  for (const groupKind of CUSTOM_WORKLOAD_KINDS) {
    const slash = groupKind.indexOf('/');
    const kind = groupKind.slice(slash + 1);
    groups.set(kind, [...(groups.get(kind) ?? []), groupKind.slice(0, slash)]);
  }
  return groups;
})();

function isCustomWorkloadKind(apiVersion: string, kind: string): boolean {
  const groups = CUSTOM_WORKLOAD_GROUPS.get(kind);
  return groups !== undefined && groups.includes(apiGroup(apiVersion));
}

/** `shared`: one per estate, so that the workloads share the paths and settings they have alike (see shared-values.ts). */
export function buildWorkload(object: K8sObject, namespace: string, shared = new SharedValues()): Workload | undefined {
  const template = podTemplatePath(object);
  if (!template) return undefined;
  const templateValue = template.path.length === 0 ? object.raw : getPath(object.raw, template.path);
  if (!isRecord(templateValue)) return undefined;
  const specPath = SPEC_PATHS.get(template.path) ?? template.path.concat('spec');
  const spec = asRecord(templateValue.spec) ?? {};
  const templateMetadata = template.path.length === 0 ? undefined : asRecord(templateValue.metadata);
  const podLabels = templateMetadata ? stringMap(templateMetadata.labels) : object.metadata.labels;
  const podAnnotations = templateMetadata ? stringMap(templateMetadata.annotations) : object.metadata.annotations;
  const containers = containersOf(spec, specPath, shared);
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
    serviceAccountNamePath: serviceAccountField ? shared.path(specPath, serviceAccountField) : undefined,
    customKind: template.custom,
    // Present from the start, so that marking a managed workload later does not give it an out-of-object property.
    managedBy: undefined,
    admitted: NO_CONTAINERS,
  };
}

/**
 * The containers of a pod spec, init containers first. Most workloads of a dump list none (Pods read through their
 * controller, ReplicaSets run by a Deployment): they share one empty list, and nothing is allocated for them.
 */
function containersOf(spec: JsonRecord, specPath: FieldPath, shared: SharedValues): Container[] {
  let containers: Container[] | undefined;
  for (const list of CONTAINER_LISTS) {
    const entries = spec[list];
    if (!Array.isArray(entries)) continue;
    for (let index = 0; index < entries.length; index++) {
      const entry: unknown = entries[index];
      if (!isRecord(entry)) continue;
      const path = shared.path(specPath, list, index);
      (containers ??= []).push({
        name: asString(entry.name) ?? `${list}[${index}]`,
        list,
        index,
        path,
        spec: entry,
        image: asString(entry.image),
        security: effectiveSecurity(spec, specPath, entry, path, shared),
      });
    }
  }
  // An exact-size copy: a list grown by push reserves 17 slots.
  return containers === undefined ? NO_CONTAINERS : containers.slice();
}

/** Labels or annotations as read when every value is a string, as the API server has them; a typed copy otherwise. */
function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return NO_STRINGS;
  for (const key in value) if (typeof value[key] !== 'string') return asStringMap(value);
  return value as Record<string, string>;
}

/** The pod as Pod Security Admission sees it: the template's metadata and spec. */
export function podView(workload: Workload): { metadata: { annotations: Record<string, string>; labels: Record<string, string> }; spec: JsonRecord } {
  return { metadata: { annotations: workload.podAnnotations, labels: workload.podLabels }, spec: workload.spec };
}

/** The release from which user namespaces are on by default (UserNamespacesSupport: beta, enabled, in v1.33). */
const USER_NAMESPACES_ON_FROM_MINOR = 33;

/**
 * Whether the pod runs in a user namespace of its own (spec.hostUsers: false), where root is not the node's root.
 * Before v1.33 the feature is off by default, and the API server drops the field of a pod it admits: on a cluster known
 * to be older, hostUsers: false changes nothing. A cluster of unknown version is taken to honour it.
 */
export function runsInUserNamespace(workload: Workload, kubernetesVersion: string | undefined): boolean {
  if (workload.spec.hostUsers !== false) return false;
  const minor = kubernetesMinorOf(kubernetesVersion);
  return minor === undefined || minor >= USER_NAMESPACES_ON_FROM_MINOR;
}
