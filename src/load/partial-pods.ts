/**
 * Pods of a large dump are read without their spec when a controller owns them (see K8sObject.partial): a
 * 150,000-pod dump then fits in memory, and nothing is lost, since such a Pod is analysed through its controller's
 * pod template. When the controller turns out not to be in the input, the Pod is read again in full here.
 */
import { controllerOf, type K8sObject } from '../model/object.js';
import { podTemplatePath } from '../model/workload.js';
import { getPath, isRecord } from '../model/json.js';
import type { InputProblem } from './problems.js';
import { addObject } from './to-object.js';

/** Re-reads one object of the input, as parsed JSON, or undefined when it can no longer be read. */
export type Reread = (object: K8sObject) => Promise<unknown>;

export async function completePartialPods(objects: K8sObject[], reread: Reread, problems: InputProblem[]): Promise<void> {
  // One pass over the objects (400,000 at 150,000 pods): where the partial Pods are, and the uids of their possible owners.
  const partials: number[] = [];
  const uids = new Set<string>();
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index];
    if (object.partial) partials.push(index);
    else if (object.metadata.uid && runsPods(object)) uids.add(object.metadata.uid);
  }
  // Owners are looked up by uid first (kubectl always writes it); the keys by name are built only when one is missing.
  let names: Set<string> | undefined;
  const refused: number[] = [];
  for (const index of partials) {
    const object = objects[index];
    const owner = controllerOf(object.metadata);
    if (owner?.uid !== undefined && uids.has(owner.uid)) continue;
    names ??= ownerNames(objects);
    if (names.has(ownerKey(object.source.cluster, object.metadata.namespace, owner?.kind, owner?.name))) continue;
    const sink = { objects: [] as K8sObject[], problems };
    const value = await reread(object);
    if (value !== undefined && addObject(value, object.source, sink, `Pod ${object.metadata.name}`)) objects[index] = sink.objects[0];
    else if (value !== undefined) refused.push(index); // addObject said why (a spec nested absurdly deep)
    else {
      problems.push({
        severity: 'warning',
        file: object.source.file,
        line: object.source.line,
        column: object.source.column,
        message: `Pod ${object.metadata.namespace}/${object.metadata.name} changed on disk while it was read`,
        skipped: 'the pod spec (the Pod is kept with its metadata only)',
        hint: 'scan a dump that is not being written to',
      });
      delete objects[index].partial;
    }
  }
  removeAt(objects, refused);
}

/** Removes the elements at the given ascending indexes, in place and in one pass. */
function removeAt<T>(items: T[], indexes: readonly number[]): void {
  if (indexes.length === 0) return;
  let kept = 0;
  let next = 0;
  for (let index = 0; index < items.length; index++) {
    if (next < indexes.length && indexes[next] === index) next++;
    else items[kept++] = items[index];
  }
  items.length = kept;
}

/** The objects that can stand for the Pods they own, by cluster, namespace, kind and name. */
function ownerNames(objects: readonly K8sObject[]): Set<string> {
  const names = new Set<string>();
  for (const object of objects) {
    if (!object.partial && runsPods(object)) names.add(ownerKey(object.source.cluster, object.metadata.namespace, object.kind, object.metadata.name));
  }
  return names;
}

/** Whether the object has a pod template, i.e. is a workload that can stand for the pods it owns. */
function runsPods(object: K8sObject): boolean {
  const template = podTemplatePath(object);
  return template !== undefined && isRecord(template.path.length === 0 ? object.raw : getPath(object.raw, template.path));
}

function ownerKey(cluster: string | undefined, namespace: string | undefined, kind: string | undefined, name: string | undefined): string {
  return `${cluster ?? ''}\u0000${namespace ?? ''}\u0000${kind ?? ''}\u0000${name ?? ''}`;
}
