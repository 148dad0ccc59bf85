/**
 * A ReplicaSet whose Deployment is in the same dump (or a Job whose CronJob is, …) is analysed through that
 * controller: the model marks it managed (model/estate.ts markManagedWorkloads), rules and the attack graph skip it,
 * and NetworkPolicy pod groups take the controller's template instead (network/pod-groups.ts). Its pod template is
 * then never read, yet it is most of the object: a 150,000-pod dump holds tens of thousands of old ReplicaSets.
 * The template's spec is replaced with an empty one (`containers: []`), so that the object still runs pods, as its
 * Pods' owner lookups and pod groups need, and keeps its template labels and annotations.
 *
 * Only items of a JSON List (large dumps), and only when every consumer is sure to skip the object: its controller
 * (first ownerReference with controller: true) is in the input under the same cluster, namespace, kind and name,
 * with a pod template that lists containers, and no other copy of that controller lacks one.
 *
 * Decided from what the loader notes of each object as it keeps it (`note`), rather than by walking every object
 * again when the load ends: two passes over the 400,000 objects of a 150,000-pod dump, each a cache miss per object.
 */
import { controllerOf, type K8sObject } from '../model/object.js';
import { getPath, isRecord } from '../model/json.js';
import { POD_TEMPLATE_PATHS } from '../model/kinds.js';
import { podTemplatePath } from '../model/workload.js';

/** What the copies of one controller identity are: some stand for their pods, some do not (bits, for two copies). */
const STANDS = 1;
const LACKS = 2;

/**
 * The kinds that control the ReplicaSets and Jobs of a dump. Every object of these kinds is noted as it is read;
 * the controllers of other kinds (custom ones: an operator's StatefulSets) are looked for in the objects at the end,
 * and only when some object names one.
 */
const NOTED_CONTROLLER_KINDS: ReadonlySet<string> = new Set(['Deployment', 'CronJob']);

interface Candidate {
  object: K8sObject;
  /** Its controller's namespace (its own), kind and name. */
  namespace: string;
  controllerKind: string;
  controllerName: string;
}

export class ManagedTemplates {
  /** STANDS and/or LACKS by identity, for the objects of the noted controller kinds. */
  private controllers = new ControllerCopies();
  /** The objects whose template goes if their controller stands for its pods, in input order. */
  private candidates: Candidate[] = [];

  /** Notes an object the loader keeps (from any file: a YAML Deployment controls the ReplicaSets of a dump as well). */
  note(object: K8sObject): void {
    const kind = object.kind;
    const namespace = object.metadata.namespace;
    if (namespace === undefined) return;
    if (NOTED_CONTROLLER_KINDS.has(kind)) this.controllers.add(object, namespace);
    // The kind first: byteSpan is made when asked for (see json-file.ts), and most objects are of other kinds.
    if (!TEMPLATE_AT_SPEC_KINDS.has(kind) || object.source.byteSpan === undefined) return;
    const template = getPath(object.raw, TEMPLATE_PATH);
    if (!isRecord(template) || !isRecord(template.spec)) return;
    const owner = controllerOf(object.metadata);
    if (owner?.kind === undefined || owner.name === undefined) return;
    if (owner.uid !== undefined && owner.uid === object.metadata.uid) return; // the model would find the object itself
    this.candidates.push({ object, namespace, controllerKind: owner.kind, controllerName: owner.name });
  }

  /** Takes the notes of another part of the load (a file, once it is read in full), as if noted here after ours. */
  absorb(other: ManagedTemplates): void {
    this.controllers.absorb(other.controllers);
    if (this.candidates.length === 0) this.candidates = other.candidates;
    else for (const candidate of other.candidates) this.candidates.push(candidate);
  }

  /** Empties the templates of the objects whose controller stands for their pods. `objects`: every object of the load. */
  finish(objects: readonly K8sObject[]): void {
    if (this.candidates.length === 0) return;
    const others = otherControllers(objects, this.candidates);
    // Every decision before any template is emptied: a controller may itself be managed.
    const managed = this.candidates.filter(({ object, namespace, controllerKind, controllerName }) => {
      const copies = NOTED_CONTROLLER_KINDS.has(controllerKind) ? this.controllers : others;
      return copies.get(object.source.cluster, namespace, controllerKind, controllerName) === STANDS;
    });
    for (const { object } of managed) {
      const spec = object.raw.spec as Record<string, unknown>;
      const template = spec.template as Record<string, unknown>;
      spec.template = isRecord(template.metadata) ? { metadata: template.metadata, spec: { containers: [] } } : { spec: { containers: [] } };
    }
  }
}

/** STANDS and/or LACKS by identity, for the objects of the controller kinds named by candidates and not noted. */
function otherControllers(objects: readonly K8sObject[], candidates: readonly Candidate[]): ControllerCopies {
  const copies = new ControllerCopies();
  const kinds = new Set<string>();
  for (const { controllerKind } of candidates) if (!NOTED_CONTROLLER_KINDS.has(controllerKind)) kinds.add(controllerKind);
  if (kinds.size === 0) return copies;
  for (const object of objects) {
    // The kind first: it is on the object, the namespace on its metadata (one more cache miss for each of 400,000).
    if (kinds.has(object.kind) && object.metadata.namespace !== undefined) copies.add(object, object.metadata.namespace);
  }
  return copies;
}

/**
 * What the copies of each controller identity (cluster, namespace, kind, name) are, by name and then the rest
 * compared: the strings the objects hold (shared by the load's string pool, their hashes computed once) rather than
 * a key string built per object and hashed again.
 */
class ControllerCopies {
  private byName = new Map<string, Copies | Copies[]>();

  add(object: K8sObject, namespace: string): void {
    const { kind, source } = object;
    const name = object.metadata.name;
    const cluster = source.cluster ?? '';
    const copies = this.find(cluster, namespace, kind, name);
    const stands = standsForItsPods(object) ? STANDS : LACKS;
    if (copies !== undefined) copies.copies |= stands;
    else this.put({ cluster, namespace, kind, name, copies: stands });
  }

  get(cluster: string | undefined, namespace: string, kind: string, name: string): number {
    return this.find(cluster ?? '', namespace, kind, name)?.copies ?? 0;
  }

  absorb(other: ControllerCopies): void {
    if (this.byName.size === 0) this.byName = other.byName;
    else {
      for (const entry of other.byName.values()) {
        for (const copies of Array.isArray(entry) ? entry : [entry]) {
          const known = this.find(copies.cluster, copies.namespace, copies.kind, copies.name);
          if (known !== undefined) known.copies |= copies.copies;
          else this.put({ ...copies });
        }
      }
    }
  }

  /** `cluster`: '' for objects of no named cluster. */
  private find(cluster: string, namespace: string, kind: string, name: string): Copies | undefined {
    const entry = this.byName.get(name);
    if (entry === undefined) return undefined;
    if (!Array.isArray(entry)) return entry.namespace === namespace && entry.kind === kind && entry.cluster === cluster ? entry : undefined;
    for (const copies of entry) if (copies.namespace === namespace && copies.kind === kind && copies.cluster === cluster) return copies;
    return undefined;
  }

  private put(copies: Copies): void {
    const entry = this.byName.get(copies.name);
    if (entry === undefined) this.byName.set(copies.name, copies);
    else if (Array.isArray(entry)) entry.push(copies);
    else this.byName.set(copies.name, [entry, copies]);
  }
}

interface Copies {
  /** '' when the object names no cluster. */
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  copies: number;
}

const TEMPLATE_PATH = ['spec', 'template'];

/** Built-in kinds whose pod template is at spec.template. */
const TEMPLATE_AT_SPEC_KINDS: ReadonlySet<string> = new Set(
  Object.entries(POD_TEMPLATE_PATHS)
    .filter(([, path]) => path.length === 2 && path[0] === 'spec' && path[1] === 'template')
    .map(([kind]) => kind),
);

/** A workload for the model, whose template lists containers, as pod groups require of a controller. */
function standsForItsPods(object: K8sObject): boolean {
  if (podTemplatePath(object) === undefined) return false;
  const template = object.kind === 'CronJob' ? getPath(object.raw, ['spec', 'jobTemplate', 'spec', 'template']) : getPath(object.raw, TEMPLATE_PATH);
  return Array.isArray(getPath(template, ['spec', 'containers']));
}
