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
 */
import { controllerOf, type K8sObject } from '../model/object.js';
import { getPath, isRecord } from '../model/json.js';
import { POD_TEMPLATE_PATHS } from '../model/kinds.js';
import { podTemplatePath } from '../model/workload.js';

export function dropManagedTemplates(objects: readonly K8sObject[]): void {
  const managed: Array<{ object: K8sObject; controller: string }> = [];
  const controllerKinds = new Set<string>();
  for (const object of objects) {
    // The kind first: byteSpan is made when asked for (see json-file.ts), and most objects are of other kinds.
    if (!TEMPLATE_AT_SPEC_KINDS.has(object.kind) || object.metadata.namespace === undefined || object.source.byteSpan === undefined) continue;
    const template = getPath(object.raw, ['spec', 'template']);
    if (!isRecord(template) || !isRecord(template.spec)) continue;
    const owner = controllerOf(object.metadata);
    if (owner?.kind === undefined || owner.name === undefined) continue;
    if (owner.uid !== undefined && owner.uid === object.metadata.uid) continue; // the model would find the object itself
    managed.push({ object, controller: identity(object.source.cluster, object.metadata.namespace, owner.kind, owner.name) });
    controllerKinds.add(owner.kind);
  }
  if (managed.length === 0) return;
  // Only objects of the controllers' kinds can be one (keys are built for those alone: 150,000 Pods need none).
  const controllers = new Set<string>();
  const notControllers = new Set<string>();
  for (const object of objects) {
    // The kind first: it is on the object, the namespace on its metadata (one more cache miss for each of 400,000).
    if (!controllerKinds.has(object.kind) || object.metadata.namespace === undefined) continue;
    const key = identity(object.source.cluster, object.metadata.namespace, object.kind, object.metadata.name);
    (standsForItsPods(object) ? controllers : notControllers).add(key);
  }
  for (const { object, controller } of managed) {
    if (!controllers.has(controller) || notControllers.has(controller)) continue;
    const spec = object.raw.spec as Record<string, unknown>;
    const template = spec.template as Record<string, unknown>;
    spec.template = isRecord(template.metadata) ? { metadata: template.metadata, spec: { containers: [] } } : { spec: { containers: [] } };
  }
}

/** Built-in kinds whose pod template is at spec.template. */
const TEMPLATE_AT_SPEC_KINDS: ReadonlySet<string> = new Set(
  Object.entries(POD_TEMPLATE_PATHS)
    .filter(([, path]) => path.length === 2 && path[0] === 'spec' && path[1] === 'template')
    .map(([kind]) => kind),
);

/** A workload for the model, whose template lists containers, as pod groups require of a controller. */
function standsForItsPods(object: K8sObject): boolean {
  if (podTemplatePath(object) === undefined) return false;
  const template = object.kind === 'CronJob' ? getPath(object.raw, ['spec', 'jobTemplate', 'spec', 'template']) : getPath(object.raw, ['spec', 'template']);
  return Array.isArray(getPath(template, ['spec', 'containers']));
}

function identity(cluster: string | undefined, namespace: string, kind: string, name: string): string {
  return `${cluster ?? ''}\u0000${namespace}\u0000${kind}\u0000${name}`;
}
