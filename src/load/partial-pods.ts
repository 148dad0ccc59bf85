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

/**
 * Reads again, in full, the partial Pods (in input order) whose controller is not in the input. `ownerUids`: the uids
 * of the objects that can stand for the Pods they own (see runsPods), noted as the objects were read (load-ledger.ts).
 */
export async function completePartialPods(objects: K8sObject[], partials: readonly K8sObject[], ownerUids: ReadonlySet<string>, reread: Reread, problems: InputProblem[]): Promise<void> {
  // Owners are looked up by uid first (kubectl always writes it); the keys by name are built only when one is missing.
  let names: Set<string> | undefined;
  /** A partial Pod → the Pod read in full, or undefined when it is refused. */
  const replaced = new Map<K8sObject, K8sObject | undefined>();
  for (const object of partials) {
    const owner = controllerOf(object.metadata);
    if (owner?.uid !== undefined && ownerUids.has(owner.uid)) continue;
    names ??= ownerNames(objects);
    if (names.has(ownerKey(object.source.cluster, object.metadata.namespace, owner?.kind, owner?.name))) continue;
    const sink = { objects: [] as K8sObject[], problems };
    const value = await reread(object);
    if (value !== undefined && addObject(value, object.source, sink, `Pod ${object.metadata.name}`)) replaced.set(object, sink.objects[0]);
    else if (value !== undefined) replaced.set(object, undefined); // addObject said why (a spec nested absurdly deep)
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
      delete object.partial;
    }
  }
  if (replaced.size > 0) replaceAll(objects, replaced);
}

/** Replaces objects in place, in one pass: by their replacement, or removes them when it is undefined. */
function replaceAll(objects: K8sObject[], replaced: ReadonlyMap<K8sObject, K8sObject | undefined>): void {
  let kept = 0;
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index];
    if (!replaced.has(object)) objects[kept++] = object;
    else {
      const replacement = replaced.get(object);
      if (replacement !== undefined) objects[kept++] = replacement;
    }
  }
  objects.length = kept;
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
export function runsPods(object: K8sObject): boolean {
  const template = podTemplatePath(object);
  return template !== undefined && isRecord(template.path.length === 0 ? object.raw : getPath(object.raw, template.path));
}

function ownerKey(cluster: string | undefined, namespace: string | undefined, kind: string | undefined, name: string | undefined): string {
  return `${cluster ?? ''}\u0000${namespace ?? ''}\u0000${kind ?? ''}\u0000${name ?? ''}`;
}
