/**
 * Objects by identity, as the API server tells two objects apart: API group, cluster, kind, namespace and name.
 * Looked up through maps of the strings the objects already hold (namespace, then name), rather than through a key
 * string per object: the 400,000 objects of a 150,000-pod dump each built a 70-character key, and the keys lived as
 * long as the estate was being built (14 MB copied by the garbage collector at 50,000 pods, for one look-up each).
 */
import type { K8sObject } from './object.js';

export class IdentityIndex {
  /** Namespace (undefined for cluster-scoped objects) → name → the object, or the objects when several share both. */
  private readonly byNamespace = new Map<string | undefined, Map<string, K8sObject | K8sObject[]>>();

  /** The object indexed before with the identity of `object`; when there is none, `object` is indexed. */
  firstOrAdd(object: K8sObject): K8sObject | undefined {
    const namespace = object.metadata.namespace;
    let names = this.byNamespace.get(namespace);
    if (names === undefined) {
      names = new Map();
      this.byNamespace.set(namespace, names);
    }
    const name = object.metadata.name;
    const known = names.get(name);
    if (known === undefined) {
      names.set(name, object);
      return undefined;
    }
    // Several objects of one namespace share a name (a Deployment, its Service and its ServiceAccount): a short list.
    if (Array.isArray(known)) {
      for (const other of known) if (sameIdentity(other, object)) return other;
      known.push(object);
      return undefined;
    }
    if (sameIdentity(known, object)) return known;
    names.set(name, [known, object]);
    return undefined;
  }
}

/** Same kind, cluster and API group (the version does not matter: apps/v1 and apps/v1beta2 are one object). */
function sameIdentity(a: K8sObject, b: K8sObject): boolean {
  return a.kind === b.kind && a.source.cluster === b.source.cluster && (a.apiVersion === b.apiVersion || apiGroup(a.apiVersion) === apiGroup(b.apiVersion));
}

export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
