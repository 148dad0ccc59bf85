/**
 * Services and the workloads behind them: a Service selects the pods of its namespace whose labels include its
 * selector. Workloads are indexed by namespace and label, so a selector looks only at the workloads carrying its
 * first label.
 */
import { asStringMap } from '../model/json.js';
import type { K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import type { BuildContext } from './context.js';

export interface ServiceIndex {
  service(namespace: string, name: string): K8sObject | undefined;
  /** The workloads a Service sends traffic to (none for a Service without selector). */
  backends(service: K8sObject): readonly Workload[];
  /** Whether some Service selects the workload (it serves something, declared container ports or not). */
  isBackend(workload: Workload): boolean;
}

const cache = new WeakMap<BuildContext, ServiceIndex>();

export function serviceIndex(context: BuildContext): ServiceIndex {
  let index = cache.get(context);
  if (index === undefined) cache.set(context, (index = buildServiceIndex(context)));
  return index;
}

function buildServiceIndex(context: BuildContext): ServiceIndex {
  // Selectors first, so that workloads are indexed only under the label keys a Service of their namespace selects on
  // first (indexing every label of every workload was most of this).
  const services = new Map<string, K8sObject>();
  const selectors: Array<{ service: K8sObject; namespace: string; entries: Array<[string, string]> }> = [];
  const firstKeys = new Map<string, string[]>();
  for (const service of context.estate.byKind.get('Service') ?? []) {
    const namespace = service.metadata.namespace ?? context.estate.defaultNamespace;
    services.set(`${namespace}/${service.metadata.name}`, service);
    const entries = Object.entries(asStringMap((service.raw.spec as Record<string, unknown> | undefined)?.selector));
    selectors.push({ service, namespace, entries });
    if (entries.length === 0) continue;
    const keys = firstKeys.get(namespace);
    if (keys === undefined) firstKeys.set(namespace, [entries[0][0]]);
    else if (!keys.includes(entries[0][0])) keys.push(entries[0][0]);
  }
  // namespace → label key → label value → workloads, in the workloads' order.
  const byLabel = new Map<string, Map<string, Map<string, Workload[]>>>();
  for (let index = 0; index < context.workloads.length; index++) {
    const workload = context.workloads[index];
    const keys = firstKeys.get(workload.namespace);
    if (keys === undefined) continue;
    let byKey = byLabel.get(workload.namespace);
    if (byKey === undefined) byLabel.set(workload.namespace, (byKey = new Map()));
    for (let item = 0; item < keys.length; item++) {
      const key = keys[item];
      if (!Object.hasOwn(workload.podLabels, key)) continue;
      const value = workload.podLabels[key];
      let byValue = byKey.get(key);
      if (byValue === undefined) byKey.set(key, (byValue = new Map()));
      const list = byValue.get(value);
      if (list) list.push(workload);
      else byValue.set(value, [workload]);
    }
  }
  const backends = new Map<K8sObject, readonly Workload[]>();
  const selected = new Set<Workload>();
  for (const { service, namespace, entries } of selectors) {
    if (entries.length === 0) {
      backends.set(service, []);
      continue;
    }
    const [firstKey, firstValue] = entries[0];
    const candidates = byLabel.get(namespace)?.get(firstKey)?.get(firstValue) ?? [];
    const matching = candidates.filter((workload) => entries.every(([key, value]) => workload.podLabels[key] === value));
    backends.set(service, matching);
    for (const workload of matching) selected.add(workload);
  }
  return {
    service: (namespace, name) => services.get(`${namespace}/${name}`),
    backends: (service) => backends.get(service) ?? [],
    isBackend: (workload) => selected.has(workload),
  };
}
