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
 * A template whose controller was read before it is taken out before its strings are pooled (`detach`).
 */
import { controllerAmong, controllerOf, type K8sObject, type ObjectMeta } from '../model/object.js';
import { getPath, isRecord } from '../model/json.js';
import { POD_TEMPLATE_PATHS } from '../model/kinds.js';
import { podTemplatePath } from '../model/workload.js';
import { DEFAULT_MAX_DEPTH, valueNestsDeeperThan } from './nesting.js';
import type { InputProblem } from './problems.js';
import type { Reread } from './partial-pods.js';

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
  /**
   * Whether the template taken out as the object was read (see `detach`) listed containers; undefined when it was not
   * taken out. The template itself is not kept (it would be held until the load ends): it is read again when it must
   * be put back.
   */
  detached: boolean | undefined;
}

type OwnerReferences = NonNullable<ObjectMeta['ownerReferences']>;

export class ManagedTemplates {
  /** STANDS and/or LACKS by identity, for the objects of the noted controller kinds. */
  private controllers = new ControllerCopies();
  /** The objects whose template goes if their controller stands for its pods, in input order. */
  private candidates: Candidate[] = [];

  /**
   * Before an item of a JSON List is pooled and kept (see addObject): when its controller, read before it, stands for
   * its pods so far (a dump lists Deployments before ReplicaSets), its template is emptied now, so that the walk that
   * pools strings never reads it (a sixth of the strings of a 50,000-pod dump) and it dies young. `finish` reads it
   * again if a copy of the controller read later lacks containers. Returns the template taken out, for `note`.
   */
  detach(raw: Record<string, unknown>, kind: string, namespace: string | undefined, uid: string | undefined, owners: OwnerReferences | undefined, cluster: string | undefined): Record<string, unknown> | undefined {
    if (!namespace || owners === undefined || !TEMPLATE_AT_SPEC_KINDS.has(kind)) return undefined;
    const owner = controllerAmong(owners);
    if (owner?.kind === undefined || owner.name === undefined || !NOTED_CONTROLLER_KINDS.has(owner.kind)) return undefined;
    if (owner.uid !== undefined && owner.uid === uid) return undefined;
    const spec = raw.spec;
    const template = isRecord(spec) ? spec.template : undefined;
    if (!isRecord(spec) || !isRecord(template) || !isRecord(template.spec)) return undefined;
    if (this.controllers.get(cluster, namespace, owner.kind, owner.name) !== STANDS) return undefined;
    // Its depth counts all the same, as when it is kept (raw, spec, template: three of the levels); too deep, the
    // object is refused as ever.
    if (valueNestsDeeperThan(template, DEFAULT_MAX_DEPTH - 2)) return undefined;
    spec.template = emptied(template);
    return template;
  }

  /**
   * Notes an object the loader keeps (from any file: a YAML Deployment controls the ReplicaSets of a dump as well),
   * with the template `detach` took out of it. `emptiable`: whether its template may be emptied, by default an item
   * of a JSON List (the objects of a live cluster, read for an analysis, are too: src/live/read-cluster.ts).
   */
  note(object: K8sObject, detached?: Record<string, unknown>, emptiable?: boolean): void {
    const detachedStood = detached === undefined ? undefined : listsContainers(detached);
    const kind = object.kind;
    const namespace = object.metadata.namespace;
    if (namespace === undefined) return;
    if (NOTED_CONTROLLER_KINDS.has(kind)) this.controllers.add(object, namespace, detachedStood);
    // The kind first: byteSpan is made when asked for (see json-file.ts), and most objects are of other kinds.
    if (!TEMPLATE_AT_SPEC_KINDS.has(kind) || !(emptiable ?? object.source.byteSpan !== undefined)) return;
    const template = getPath(object.raw, TEMPLATE_PATH);
    if (!isRecord(template) || !isRecord(template.spec)) return;
    const owner = controllerOf(object.metadata);
    if (owner?.kind === undefined || owner.name === undefined) return;
    if (owner.uid !== undefined && owner.uid === object.metadata.uid) return; // the model would find the object itself
    this.candidates.push({ object, namespace, controllerKind: owner.kind, controllerName: owner.name, detached: detachedStood });
  }

  /** Takes the notes of another part of the load (a file, once it is read in full), as if noted here after ours. */
  absorb(other: ManagedTemplates): void {
    this.controllers.absorb(other.controllers);
    if (this.candidates.length === 0) this.candidates = other.candidates;
    else for (const candidate of other.candidates) this.candidates.push(candidate);
  }

  /**
   * Empties the templates of the objects whose controller stands for their pods, and puts back those taken out too
   * early, read again with `reread`. `objects`: every object of the load.
   */
  async finish(objects: readonly K8sObject[], reread: Reread, problems: InputProblem[]): Promise<void> {
    if (this.candidates.length === 0) return;
    const others = otherControllers(objects, this.candidates);
    // Every decision before any template changes: a controller may itself be managed.
    const managed = this.candidates.map(({ object, namespace, controllerKind, controllerName }) => {
      const copies = NOTED_CONTROLLER_KINDS.has(controllerKind) ? this.controllers : others;
      return copies.get(object.source.cluster, namespace, controllerKind, controllerName) === STANDS;
    });
    const putBack: K8sObject[] = [];
    this.candidates.forEach(({ object, detached }, index) => {
      if (detached !== undefined && !managed[index]) putBack.push(object);
      else if (detached === undefined && managed[index]) {
        const spec = object.raw.spec as Record<string, unknown>;
        spec.template = emptied(spec.template as Record<string, unknown>);
      }
    });
    for (const object of putBack) await putTemplateBack(object, reread, problems);
  }
}

/** The template of an object as read, again: the one `detach` took out (only its strings are no longer pooled). */
async function putTemplateBack(object: K8sObject, reread: Reread, problems: InputProblem[]): Promise<void> {
  const template = getPath(await reread(object), TEMPLATE_PATH);
  // Taken out unread (the parser leaves a detachable template's spec unread: unread-fields.ts), so its depth is
  // checked here, as the loader checks every object's (raw, spec, template: three of the levels).
  if (isRecord(template) && valueNestsDeeperThan(template, DEFAULT_MAX_DEPTH - 2)) {
    problems.push({
      severity: 'error',
      file: object.source.file,
      line: object.source.line,
      column: object.source.column,
      message: `${object.kind} ${object.metadata.namespace}/${object.metadata.name} has a pod template that nests deeper than ${DEFAULT_MAX_DEPTH} levels; no Kubernetes object does`,
      skipped: 'its pod template',
      hint: 'check that it is a Kubernetes manifest and not generated garbage',
    });
    return;
  }
  if (isRecord(template)) {
    (object.raw.spec as Record<string, unknown>).template = template;
    return;
  }
  problems.push({
    severity: 'warning',
    file: object.source.file,
    line: object.source.line,
    column: object.source.column,
    message: `${object.kind} ${object.metadata.namespace}/${object.metadata.name} changed on disk while it was read`,
    skipped: 'its pod template (it is analysed through its controller)',
    hint: 'scan a dump that is not being written to',
  });
}

/** Whether a pod template lists containers. */
function listsContainers(template: Record<string, unknown>): boolean {
  return Array.isArray(getPath(template, ['spec', 'containers']));
}

/** What is kept of the template of an object whose controller stands for its pods. */
function emptied(template: Record<string, unknown>): Record<string, unknown> {
  return isRecord(template.metadata) ? { metadata: template.metadata, spec: { containers: [] } } : { spec: { containers: [] } };
}

/** STANDS and/or LACKS by identity, for the objects of the controller kinds named by candidates and not noted. */
function otherControllers(objects: readonly K8sObject[], candidates: readonly Candidate[]): ControllerCopies {
  const copies = new ControllerCopies();
  const kinds = new Set<string>();
  for (const { controllerKind } of candidates) if (!NOTED_CONTROLLER_KINDS.has(controllerKind)) kinds.add(controllerKind);
  if (kinds.size === 0) return copies;
  // A controller may be one of the candidates: it is judged by the template it was read with.
  const detached = new Map<K8sObject, boolean>();
  for (const candidate of candidates) if (candidate.detached !== undefined) detached.set(candidate.object, candidate.detached);
  for (const object of objects) {
    // The kind first: it is on the object, the namespace on its metadata (one more cache miss for each of 400,000).
    if (kinds.has(object.kind) && object.metadata.namespace !== undefined) copies.add(object, object.metadata.namespace, detached.get(object));
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

  /** `detached`: whether the template the object was read with listed containers, when `detach` took it out. */
  add(object: K8sObject, namespace: string, detached?: boolean): void {
    const { kind, source } = object;
    const name = object.metadata.name;
    const cluster = source.cluster ?? '';
    const copies = this.find(cluster, namespace, kind, name);
    const stands = standsForItsPods(object, detached) ? STANDS : LACKS;
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

/**
 * A workload for the model, whose template lists containers, as pod groups require of a controller. `detached`:
 * whether the template the object was read with did, when `detach` took it out.
 */
function standsForItsPods(object: K8sObject, detached?: boolean): boolean {
  if (podTemplatePath(object) === undefined) return false;
  if (detached !== undefined) return detached;
  const template = object.kind === 'CronJob' ? getPath(object.raw, ['spec', 'jobTemplate', 'spec', 'template']) : getPath(object.raw, TEMPLATE_PATH);
  return Array.isArray(getPath(template, ['spec', 'containers']));
}
