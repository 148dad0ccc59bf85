/**
 * What exposes a Service outside the cluster: its type (LoadBalancer, NodePort), externalIPs, or an Ingress that
 * routes to it. And the workloads a Service sends traffic to (its selector against their pod labels).
 */
import type { Estate } from '../../model/estate.js';
import { asArray, asRecord, asString, asStringMap } from '../../model/json.js';
import type { FieldPath, K8sObject } from '../../model/object.js';
import type { Workload } from '../../model/workload.js';
import { analysedWorkloadsIn } from '../helpers.js';

export interface Exposure {
  /** The Service that receives outside traffic. */
  service: K8sObject;
  /** What exposes it: the Service itself or an Ingress. */
  via: K8sObject;
  path: FieldPath;
  /** In words: "type: LoadBalancer", "externalIPs", "Ingress shop/web". */
  how: string;
}

export function exposuresOf(estate: Estate): Exposure[] {
  const out: Exposure[] = [];
  const services = new Map<string, K8sObject>();
  for (const service of estate.byKind.get('Service') ?? []) {
    services.set(`${service.metadata.namespace ?? estate.defaultNamespace}/${service.metadata.name}`, service);
    const spec = asRecord(service.raw.spec) ?? {};
    const type = asString(spec.type);
    if (type === 'LoadBalancer' || type === 'NodePort') out.push({ service, via: service, path: ['spec', 'type'], how: `type: ${type}` });
    if (asArray(spec.externalIPs).length > 0) out.push({ service, via: service, path: ['spec', 'externalIPs'], how: 'externalIPs' });
  }
  for (const ingress of estate.byKind.get('Ingress') ?? []) {
    const namespace = ingress.metadata.namespace ?? estate.defaultNamespace;
    const seen = new Set<string>();
    for (const backend of ingressBackends(ingress)) {
      const service = services.get(`${namespace}/${backend.service}`);
      if (service === undefined || seen.has(backend.service)) continue;
      seen.add(backend.service);
      out.push({ service, via: ingress, path: backend.path, how: `Ingress ${namespace}/${ingress.metadata.name}` });
    }
  }
  return out;
}

/** Backends an Ingress names: spec.defaultBackend (or the old spec.backend) and every rule's paths. */
export function ingressBackends(ingress: K8sObject): Array<{ service: string; path: FieldPath }> {
  const spec = asRecord(ingress.raw.spec) ?? {};
  const found: Array<{ service: string; path: FieldPath }> = [];
  const add = (backend: unknown, path: FieldPath): void => {
    const record = asRecord(backend);
    const name = asString(asRecord(record?.service)?.name) ?? asString(record?.serviceName);
    if (name) found.push({ service: name, path });
  };
  if (spec.defaultBackend !== undefined) add(spec.defaultBackend, ['spec', 'defaultBackend']);
  else if (spec.backend !== undefined) add(spec.backend, ['spec', 'backend']);
  asArray(spec.rules).forEach((rule, ruleIndex) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((entry, pathIndex) => {
      add(asRecord(entry)?.backend, ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend']);
    });
  });
  return found;
}

/** The Service's selector, or undefined when it has none (its endpoints are managed by hand). */
export function serviceSelector(service: K8sObject): Record<string, string> | undefined {
  const selector = asStringMap(asRecord(service.raw.spec)?.selector);
  return Object.keys(selector).length === 0 ? undefined : selector;
}

/** Workloads of the Service's namespace whose pod labels include its selector. */
export function backendsOf(estate: Estate, service: K8sObject): Workload[] {
  const selector = serviceSelector(service);
  if (selector === undefined) return [];
  const namespace = service.metadata.namespace ?? estate.defaultNamespace;
  return analysedWorkloadsIn(estate, namespace).filter(
    (workload) => (service.source.cluster === undefined || workload.object.source.cluster === service.source.cluster) && Object.entries(selector).every(([key, value]) => workload.podLabels[key] === value),
  );
}
