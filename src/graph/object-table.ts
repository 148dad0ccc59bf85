/**
 * Values keyed by an object's identity (cluster, kind, namespace, name: what objectKey() joins into a string), without
 * building a string per lookup: looking up 270,000 findings and 400,000 pieces of evidence by objectKey() built and
 * hashed a new string each time. Two map lookups by the ref's own strings (namespace, then name), then the few
 * objects of that name are told apart by kind and cluster.
 */
import type { ObjectRef } from '../model/object.js';

interface Entry<V> {
  kind: string;
  cluster: string | undefined;
  value: V;
}

export class ObjectTable<V> {
  private readonly byNamespace = new Map<string | undefined, Map<string, Array<Entry<V>>>>();

  get(ref: ObjectRef): V | undefined {
    const entries = this.byNamespace.get(ref.namespace)?.get(ref.name);
    if (entries === undefined) return undefined;
    for (let index = 0; index < entries.length; index++) {
      if (entries[index].kind === ref.kind && entries[index].cluster === ref.cluster) return entries[index].value;
    }
    return undefined;
  }

  set(ref: ObjectRef, value: V): void {
    let byName = this.byNamespace.get(ref.namespace);
    if (byName === undefined) this.byNamespace.set(ref.namespace, (byName = new Map()));
    const entries = byName.get(ref.name);
    if (entries === undefined) {
      byName.set(ref.name, [{ kind: ref.kind, cluster: ref.cluster, value }]);
      return;
    }
    for (let index = 0; index < entries.length; index++) {
      if (entries[index].kind === ref.kind && entries[index].cluster === ref.cluster) {
        entries[index].value = value;
        return;
      }
    }
    entries.push({ kind: ref.kind, cluster: ref.cluster, value });
  }
}
