/**
 * Values keyed by an object's identity (cluster, kind, namespace, name: what objectKey() joins into a string), in
 * nested maps keyed by the ref's own strings. Looking up 270,000 findings and 400,000 pieces of evidence by
 * objectKey() built and hashed a new string each time; here a lookup allocates nothing.
 */
import type { ObjectRef } from '../model/object.js';

type ByName<V> = Map<string, V>;
type ByNamespace<V> = Map<string | undefined, ByName<V>>;
type ByKind<V> = Map<string, ByNamespace<V>>;

export class ObjectTable<V> {
  private readonly byCluster = new Map<string | undefined, ByKind<V>>();

  get(ref: ObjectRef): V | undefined {
    return this.byCluster.get(ref.cluster)?.get(ref.kind)?.get(ref.namespace)?.get(ref.name);
  }

  set(ref: ObjectRef, value: V): void {
    let byKind = this.byCluster.get(ref.cluster);
    if (byKind === undefined) this.byCluster.set(ref.cluster, (byKind = new Map()));
    let byNamespace = byKind.get(ref.kind);
    if (byNamespace === undefined) byKind.set(ref.kind, (byNamespace = new Map()));
    let byName = byNamespace.get(ref.namespace);
    if (byName === undefined) byNamespace.set(ref.namespace, (byName = new Map()));
    byName.set(ref.name, value);
  }
}
