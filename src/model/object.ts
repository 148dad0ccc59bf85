/**
 * The raw Kubernetes object as read by a loader, with where it came from.
 * Loaders are the only code that builds these; everything downstream treats `raw` as untrusted JSON.
 */

/** A step in a field path: a key of a mapping or an index of a sequence. */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

export interface SourceRef {
  /** The file as the user named it (relative when they gave a relative path), `<stdin>`, or `<kustomize DIR>`. */
  file: string;
  /** 1-based line and column of the object's first key. */
  line: number;
  column: number;
  /** Index of the YAML document in the file (0-based). */
  document: number;
  /** Path of the object inside its document: [] for a top-level object, ['items', 3] for an item of a List. */
  pathInDocument: FieldPath;
  /** The Helm template the object was rendered from (the `# Source:` comment), when known. */
  helmTemplate?: string;
  /** For items of a streamed JSON dump: the byte range of the item in the file, to locate fields lazily. */
  byteSpan?: readonly [number, number];
  /**
   * The positions of the object's fields are not kept (a dump too large to keep, see load/index.ts; a value of
   * concatenated JSON, see parse-text.ts): the object and its findings are located at the object's own line and
   * column.
   */
  fieldsUnlocated?: boolean;
  /** The cluster this object belongs to, when the user named one (e.g. --cluster-name or a kubeconfig context). */
  cluster?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  uid?: string;
  ownerReferences?: Array<{ apiVersion?: string; kind?: string; name?: string; uid?: string; controller?: boolean }>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  /**
   * The whole object as parsed (Secret data, stringData and last-applied annotations already removed). The loader
   * also drops what no analysis reads: metadata.managedFields, the status of kinds other than Node, Service, Ingress
   * and Gateway, and, for items of a JSON List, metadata.resourceVersion, creationTimestamp, generation and
   * selfLink, the spec of a Pod run by a controller (see `partial`) and the pod template's spec of an object whose
   * controller is in the input (load/managed-templates.ts).
   */
  raw: Record<string, unknown>;
  source: SourceRef;
  /** For Secrets: the names of the keys in data/stringData. The values themselves are never kept. */
  secretKeys?: string[];
  /**
   * A Pod of a large dump read with only its metadata, spec.nodeName and spec.ephemeralContainers (which only a Pod
   * has), because a controller owns it and the controller is analysed instead; the loader reads it again in full when
   * that controller is not in the input. The first such Pod of each owner keeps the rest of its spec when it runs a
   * container its owner's template does not list (load/admitted-samples.ts).
   */
  partial?: true;
}

/** The owner reference that controls an object: the first with controller: true (as the API server allows one). */
export function controllerOf(metadata: ObjectMeta): NonNullable<ObjectMeta['ownerReferences']>[number] | undefined {
  return controllerAmong(metadata.ownerReferences);
}

/** controllerOf for owner references not yet in a metadata object (the loader reads them first). */
export function controllerAmong(owners: ObjectMeta['ownerReferences']): NonNullable<ObjectMeta['ownerReferences']>[number] | undefined {
  if (owners === undefined) return undefined;
  // A loop rather than find(): called for each of 400,000 objects of a dump, where a callback per call adds up.
  for (let index = 0; index < owners.length; index++) if (owners[index].controller) return owners[index];
  return undefined;
}

/** How a finding or a report names an object. `namespace` is absent for cluster-scoped objects. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** The cluster, when the input names clusters (several kubeconfig contexts, --cluster-name). */
  cluster?: string;
}

/** A location in an input file, 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
  helmTemplate?: string;
}

/**
 * One literal per combination rather than keys added afterwards: an added key goes to an out-of-object property
 * array (40 bytes more per ref, and every workload and many findings hold one).
 */
export function objectRef(object: K8sObject): ObjectRef {
  const { apiVersion, kind } = object;
  const { name, namespace } = object.metadata;
  const cluster = object.source.cluster;
  if (cluster === undefined) return namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, name, namespace };
  return namespace === undefined ? { apiVersion, kind, name, cluster } : { apiVersion, kind, name, namespace, cluster };
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects: how people write an object's name. */
export function objectKey(ref: ObjectRef): string {
  const key = ref.namespace !== undefined ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
  return ref.cluster !== undefined ? `${ref.cluster}:${key}` : key;
}

/** Renders a field path the way kubectl explain and the Kubernetes docs do: spec.containers[0].image */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
