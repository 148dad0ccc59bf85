/**
 * What a large dump or a live read keeps of the containers admission added to a controller's Pods (a service mesh's
 * sidecars, model/admitted-containers.ts), when it keeps such Pods without their spec (K8sObject.partial): one Pod of
 * each owner (a ReplicaSet, a DaemonSet, a Job…) keeps its spec, the first one read, since the Pods of one owner are made
 * from one template and admitted alike; and of it only when it runs a container its owner's template does not list.
 * Its listed containers are then left out (null at their places, so that the others keep theirs: the checks skip
 * what is not a mapping), and of the rest of its spec only what the container checks read: the model judges the
 * listed ones through the template.
 *
 * The template is the owner's as read before the Pod (an API server lists owners first, and so does a live read), or
 * its controller's when the loader took the owner's out (load/managed-templates.ts). A Pod read before its owner keeps
 * its containers until the load ends, when it is settled the same way (settle).
 */
import { controllerAmong, controllerOf, type K8sObject, type ObjectMeta } from '../model/object.js';
import { getPath, isRecord } from '../model/json.js';
import { CONTAINER_LISTS } from '../model/kinds.js';
import { podTemplatePath } from '../model/workload.js';
import { POD_FIELDS_CONTAINER_CHECKS_READ } from '../model/admitted-containers.js';
import { partialPodSpec } from './to-object.js';
import { namesDigest, takeUnreadPodSpec, type NamesDigest } from './unread-pod-specs.js';

/** The lists a template shares with its Pods: ephemeral containers are added to a running Pod, never by a template. */
const TEMPLATE_LISTS = CONTAINER_LISTS.filter((list) => list !== 'ephemeralContainers');

/** How far an owner's template is looked for up its controllers (a Pod, its Job, the Job's CronJob). */
const MAX_OWNER_STEPS = 4;

export class AdmittedSamples {
  /** By uid: the names of the containers its pod template lists, or the uid of its controller when it lists none. */
  private templates = new Map<string, readonly string[] | string>();
  /** The owners one of whose Pods was looked at. */
  private sampled = new Set<string>();
  /** The last container kept of each name (see shared). */
  private lastByName = new Map<string, Record<string, unknown>>();

  /** Notes the containers an object's pod template lists (`detached`: the loader took its template out). */
  noteTemplate(object: K8sObject, detached: boolean): void {
    const uid = object.metadata.uid;
    if (uid === undefined || object.kind === 'Pod') return;
    const template = podTemplatePath(object);
    if (template === undefined) return;
    const spec = detached ? undefined : getPath(object.raw, template.path.concat('spec'));
    const names = isRecord(spec) ? containerNames(spec) : [];
    if (names.length > 0) this.templates.set(uid, names);
    else {
      const owner = controllerOf(object.metadata)?.uid;
      if (owner !== undefined && owner !== uid) this.templates.set(uid, owner);
    }
  }

  /**
   * What a partial Pod keeps of its spec beyond its node and ephemeral containers (see admittedOnly), when it is the
   * first Pod of its owner to be looked at and runs a container the template does not list; undefined otherwise. The
   * spec is given whole, or left unread by the parser (unread-pod-specs.ts): then it is parsed only when the names of
   * its containers, read from its bytes, are not its template's.
   */
  keptSpec(given: unknown, owners: ObjectMeta['ownerReferences']): Record<string, unknown> | undefined {
    if (!isRecord(given)) return undefined;
    // Taken whatever is decided, so that the bytes are let go.
    const unread = takeUnreadPodSpec(given);
    if (unread === undefined && !TEMPLATE_LISTS.some((list) => Array.isArray(given[list]))) return undefined;
    const owner = controllerAmong(owners)?.uid;
    if (owner === undefined || this.sampled.has(owner)) return undefined;
    this.sampled.add(owner);
    const listed = this.listedBy(owner);
    let spec = given;
    if (unread !== undefined) {
      // The names read from its bytes tell whether the Pod runs just what its template lists: then it is not parsed.
      if (listed !== undefined && sameDigest(unread.names(), namesDigest(listed))) return undefined;
      const whole = unread.read();
      if (!isRecord(whole)) return undefined;
      spec = whole;
    }
    // Its owner is not read yet: its lists are kept whole until the load ends (settle).
    return listed === undefined ? podFieldsOf(spec) : this.admittedOnly(spec, listed);
  }

  /**
   * Settles a partial Pod that kept its whole spec because its owner was read after it: it keeps what admission added,
   * or only its node and ephemeral containers. One whose owner is still unknown is left to the model.
   */
  settle(pod: K8sObject): void {
    const spec = pod.raw.spec;
    if (!isRecord(spec) || !TEMPLATE_LISTS.some((list) => Array.isArray(spec[list]))) return;
    const owner = controllerOf(pod.metadata)?.uid;
    const listed = owner === undefined ? undefined : this.listedBy(owner);
    if (listed === undefined) return;
    const kept = this.admittedOnly(spec, listed);
    pod.raw.spec = kept ?? partialPodSpec(spec);
  }

  /**
   * What a Pod keeps of its spec (podFieldsOf) with the containers `listed` names left out (null at their places, which
   * no analysis reads as a container), when it runs another one; undefined when it runs only what its template lists.
   * The containers kept share their values with the other Pods' (shared): the sidecars a webhook injects are alike in
   * every Pod but a few of their values.
   */
  private admittedOnly(spec: Record<string, unknown>, listed: readonly string[]): Record<string, unknown> | undefined {
    let unlisted = false;
    const kept = podFieldsOf(spec);
    for (const list of TEMPLATE_LISTS) {
      const entries = spec[list];
      if (!Array.isArray(entries)) continue;
      kept[list] = entries.map((entry: unknown) => {
        if (entry === null) return null; // left out already (a spec settled twice)
        if (isRecord(entry) && typeof entry.name === 'string' && listed.includes(entry.name)) return null;
        unlisted = true;
        return this.shared(entry);
      });
    }
    return unlisted ? kept : undefined;
  }

  /**
   * The container with each of its values that is an object or a list shared with the last container of that name
   * kept, where they are equal (and each equal entry of such a list: an env variable, a volume mount): the sidecars a
   * webhook injects are alike in every Pod but a few values (istio-proxy's environment names its Pod's workload).
   * Compared rather than keyed by their text: most are equal, and a comparison makes nothing. The values are never
   * changed after the load.
   */
  private shared(container: unknown): unknown {
    if (!isRecord(container) || typeof container.name !== 'string') return container;
    const previous = this.lastByName.get(container.name);
    this.lastByName.set(container.name, container);
    if (previous === undefined) return container;
    for (const field in container) {
      const value = container[field];
      const before = previous[field];
      if (typeof value !== 'object' || value === null || before === undefined) continue;
      if (deepEqual(before, value)) container[field] = before;
      else if (Array.isArray(value) && Array.isArray(before)) {
        for (let index = 0; index < value.length && index < before.length; index++) if (deepEqual(before[index], value[index])) value[index] = before[index];
      }
    }
    return container;
  }

  /** Takes the notes of another part of the load (a file, once it is read in full), as if noted here after ours. */
  absorb(other: AdmittedSamples): void {
    if (this.templates.size === 0 && this.sampled.size === 0) {
      this.templates = other.templates;
      this.sampled = other.sampled;
      this.lastByName = other.lastByName;
      return;
    }
    for (const [uid, template] of other.templates) this.templates.set(uid, template);
    for (const uid of other.sampled) this.sampled.add(uid);
  }

  /** The names the template of `uid` lists, or of the controller that stands for it; undefined when none is read. */
  private listedBy(uid: string): readonly string[] | undefined {
    let at: string = uid;
    for (let step = 0; step < MAX_OWNER_STEPS; step++) {
      const template = this.templates.get(at);
      if (template === undefined) return undefined;
      if (typeof template !== 'string') return template;
      at = template;
    }
    return undefined;
  }
}

/**
 * The fields of a Pod's spec the analysis of its admitted containers reads (model/admitted-containers.ts): its node, its
 * lists of containers, and what the container checks read of the pod (its securityContext, hostUsers and os).
 */
const POD_FIELDS_KEPT = ['nodeName', ...POD_FIELDS_CONTAINER_CHECKS_READ, ...CONTAINER_LISTS] as const;

function podFieldsOf(spec: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of POD_FIELDS_KEPT) if (spec[field] !== undefined) kept[field] = spec[field];
  return kept;
}


function sameDigest(a: NamesDigest | undefined, b: NamesDigest): boolean {
  return a !== undefined && a.hash === b.hash && a.count === b.count;
}

function containerNames(spec: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const list of TEMPLATE_LISTS) {
    const entries = spec[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) if (isRecord(entry) && typeof entry.name === 'string') names.push(entry.name);
  }
  return names;
}

/** Whether two parsed JSON values are equal. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!(key in right) || !deepEqual(left[key], right[key])) return false;
    count++;
  }
  for (const key in right) if (--count < 0) return false;
  return true;
}
