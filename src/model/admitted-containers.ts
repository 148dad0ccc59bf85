/**
 * Containers a controller's Pods run that none of its pod templates lists: added when the Pod was admitted, by a
 * mutating webhook (Istio's istio-init, which adds NET_ADMIN and NET_RAW and runs as root, and its istio-proxy;
 * Linkerd's proxy; a Vault or cloud secrets agent). They run in every Pod of the workload, yet the template, through
 * which a controller's Pods are analysed, never shows them. A Pod in the input (a cluster dump, a live read) shows
 * them: each is taken from the first Pod that runs it and analysed as part of the workload that stands for the Pod
 * (Workload.admitted), located in that Pod.
 *
 * A container is admitted when the nearest template that lists containers does not name it: the Pod's own owner's (a
 * ReplicaSet's, the revision the Pod was made from) or, when the owner's template was not kept
 * (load/managed-templates.ts), its controller's. What admission changed in the template's own containers (a policy
 * engine that sets a securityContext) is not looked at: the template is what the next Pods are made from.
 */
import type { K8sObject } from './object.js';
import { asArray, asRecord, type JsonRecord } from './json.js';
import { podView, type Container, type Workload } from './workload.js';

/**
 * Adds to each analysed workload the containers its Pods run that no template lists. `ownerOf` gives the workload
 * that owns a workload in the input (undefined for one that is not managed).
 */
export function attachAdmittedContainers(workloads: readonly Workload[], ownerOf: (workload: Workload) => Workload | undefined): void {
  for (const pod of workloads) {
    if (pod.kind !== 'Pod' || pod.managedBy === undefined || !runsTemplateContainers(pod)) continue;
    let owner = ownerOf(pod);
    if (owner === undefined) continue;
    // The nearest template that lists containers: the Pod's owner's, or further up when the loader emptied it.
    let template: Workload | undefined;
    const seen = new Set<Workload>();
    for (let at: Workload | undefined = owner; at !== undefined && !seen.has(at); at = ownerOf(at)) {
      seen.add(at);
      template ??= runsTemplateContainers(at) ? at : undefined;
      owner = at;
    }
    if (template === undefined || owner.managedBy !== undefined) continue;
    const listed = new Set<string>();
    for (const container of template.containers) if (container.list !== 'ephemeralContainers') listed.add(container.name);
    for (const container of pod.containers) {
      if (container.list === 'ephemeralContainers' || listed.has(container.name)) continue;
      if (owner.admitted.some((kept) => kept.name === container.name)) continue; // the first Pod's
      owner.admitted = owner.admitted.length === 0 ? [admitted(container, pod)] : [...owner.admitted, admitted(container, pod)];
    }
  }
}

/** Whether the workload's template (or a Pod's spec) lists containers other than ephemeral ones. */
function runsTemplateContainers(workload: Workload): boolean {
  return workload.containers.some((container) => container.list !== 'ephemeralContainers');
}

function admitted(container: Container, pod: Workload): Container {
  return { ...container, admittedIn: pod.object };
}

/** A Pod the workload's admitted containers were read from, as the Pod Security checks see it (see admittedPods). */
export interface AdmittedPod {
  pod: ReturnType<typeof podView>;
  /** The containers of Workload.admitted read from it. */
  containers: Container[];
}

/** The fields of a pod spec the Pod Security container checks read besides the containers themselves. */
export const POD_FIELDS_CONTAINER_CHECKS_READ = ['securityContext', 'hostUsers', 'os'] as const;

const admittedPodCache = new WeakMap<Workload, readonly AdmittedPod[]>();

/**
 * The Pods the workload's admitted containers were read from, each as the Pod Security checks see it with only those
 * containers, at their places (the others are null, which the checks skip), and of the pod's own fields only those
 * the container checks read (its securityContext but its sysctls, hostUsers, os): nothing else would be reported.
 * Made once per workload, so that every control rule shares it and the evaluator's results for it.
 */
export function admittedPods(workload: Workload): readonly AdmittedPod[] {
  let pods = admittedPodCache.get(workload);
  if (pods !== undefined) return pods;
  const byPod = new Map<K8sObject, Container[]>();
  for (const container of workload.admitted) {
    const pod = container.admittedIn!;
    const list = byPod.get(pod);
    if (list === undefined) byPod.set(pod, [container]);
    else list.push(container);
  }
  pods = [...byPod].map(([object, containers]) => {
    const whole = asRecord(object.raw.spec) ?? {};
    const spec: JsonRecord = {};
    for (const field of POD_FIELDS_CONTAINER_CHECKS_READ) if (whole[field] !== undefined) spec[field] = whole[field];
    // The pod's sysctls are a pod-level control: the template's findings.
    const securityContext = asRecord(whole.securityContext);
    if (securityContext?.sysctls !== undefined) spec.securityContext = { ...securityContext, sysctls: undefined };
    for (const container of containers) {
      const list = (spec[container.list] ??= asArray(whole[container.list]).map(() => null)) as unknown[];
      list[container.index] = container.spec;
    }
    return { pod: { metadata: { labels: object.metadata.labels, annotations: object.metadata.annotations }, spec }, containers };
  });
  admittedPodCache.set(workload, pods);
  return pods;
}

/**
 * The pods the workload runs, for judging it as a whole (its Pod Security level): its template's, then each Pod its
 * admitted containers were read from (admittedPods).
 */
export function podViewsAsRun(workload: Workload): Array<ReturnType<typeof podView>> {
  const views = [podView(workload)];
  if (workload.admitted.length > 0) for (const admitted of admittedPods(workload)) views.push(admitted.pod);
  return views;
}
