/**
 * The traffic the workloads need, as far as manifests say: who talks to which pods on which ports.
 *   - a Service's pods, on its target ports, from every workload whose configuration names the Service
 *     (env values, command and args, the ConfigMaps its env comes from: `redis:6379`, `postgres.shop.svc`, a URL);
 *   - from the ingress controller, for the Services an Ingress routes to;
 *   - from anywhere, for the Services of type LoadBalancer or NodePort;
 *   - from Prometheus, for pods annotated prometheus.io/scrape, on prometheus.io/port.
 * What manifests cannot say is kept as a TODO: hosts outside the cluster, the API server's address, Services that
 * nothing in the input names, pods without labels to select them by.
 */
import type { Estate } from '../../model/estate.js';
import { objectsOfKind } from '../../model/estate.js';
import { asArray, asRecord, asString, asStringMap, getPath, type JsonRecord } from '../../model/json.js';
import type { K8sObject } from '../../model/object.js';
import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import type { Workload } from '../../model/workload.js';
import { analysedWorkloads, workloadLabel } from '../../rules/helpers.js';
import { referencedHosts, type HostReference } from './hosts.js';

export type Labels = Record<string, string>;

export interface PortRef {
  port: number | string;
  protocol: string;
}

/** Pods of one workload (or of the workloads behind one Service), selected by labels in their namespace. */
export interface PodsRef {
  namespace: string;
  selector: Labels;
  /** Who they are, for comments: `Service shop/api`, `Deployment shop/web`. */
  label: string;
  workloads: readonly Workload[];
}

export interface Flow {
  from: ({ kind: 'pods' } & PodsRef) | { kind: 'anywhere' };
  to: PodsRef;
  ports: PortRef[];
  /** Why the flow is needed, in words. */
  why: string;
}

export interface TrafficTodo {
  namespace: string;
  direction: 'ingress' | 'egress';
  text: string;
}

export interface Traffic {
  flows: Flow[];
  todos: TrafficTodo[];
}

export function inferTraffic(estate: Estate, hasOwnGrants: (workload: Workload) => boolean): Traffic {
  const traffic: Traffic = { flows: [], todos: [] };
  const workloads = analysedWorkloads(estate).filter((workload) => !SYSTEM_NAMESPACES.has(workload.namespace));
  const services = servicesWithBackends(estate, workloads);
  const byName = new Map(services.map((service) => [`${service.namespace}/${service.name}`, service]));
  const namespaces = new Set(estate.namespaces.keys());
  const called = new Set<string>();

  for (const workload of workloads) {
    const source = podsOf(workload);
    for (const reference of referencedHosts(estate, workload)) {
      const target = resolveHost(reference, workload.namespace, namespaces);
      const service = target && byName.get(`${target.namespace}/${target.service}`);
      if (service) {
        called.add(service.key);
        if (source && !isSelf(source, service.pods)) traffic.flows.push({ from: { kind: 'pods', ...source }, to: service.pods, ports: service.ports, why: `${workloadLabel(workload)} names ${reference.host} (${reference.where})` });
        else if (!source) traffic.todos.push(unlabelled(workload));
      } else if (!target) {
        traffic.todos.push({ namespace: workload.namespace, direction: 'egress', text: `${workloadLabel(workload)} connects to ${reference.host}${reference.port ? `:${reference.port}` : ''} (${reference.where}), outside the cluster: allow its address (ipBlock) and port` });
      } else if (!SYSTEM_NAMESPACES.has(target.namespace)) {
        traffic.todos.push({ namespace: workload.namespace, direction: 'egress', text: `${workloadLabel(workload)} names Service ${target.namespace}/${target.service} (${reference.where}), which is not in the input: allow its pods` });
      }
    }
    if (hasOwnGrants(workload)) {
      traffic.todos.push({ namespace: workload.namespace, direction: 'egress', text: `${workloadLabel(workload)} has RBAC permissions of its own, so it probably calls the API server: allow egress to the API server's address (kubectl get endpoints kubernetes -n default) on its port` });
    }
  }

  const controllers = workloads.filter(isIngressController);
  for (const ingress of objectsOfKind(estate, 'Ingress')) {
    const namespace = ingress.metadata.namespace ?? estate.defaultNamespace;
    for (const name of ingressBackends(ingress)) {
      const service = byName.get(`${namespace}/${name}`);
      if (!service) continue;
      called.add(service.key);
      if (controllers.length === 0) {
        traffic.todos.push({ namespace, direction: 'ingress', text: `Ingress ${namespace}/${ingress.metadata.name} routes to Service ${name}, and no ingress controller is in the input: allow the controller's namespace and pods on ${formatPorts(service.ports)}` });
      }
      for (const controller of controllers) {
        const source = podsOf(controller);
        if (source) traffic.flows.push({ from: { kind: 'pods', ...source }, to: service.pods, ports: service.ports, why: `Ingress ${namespace}/${ingress.metadata.name} routes to Service ${name} through ${workloadLabel(controller)}` });
      }
    }
  }

  for (const service of services) {
    if (service.type === 'LoadBalancer' || service.type === 'NodePort') {
      called.add(service.key);
      traffic.flows.push({ from: { kind: 'anywhere' }, to: service.pods, ports: service.ports, why: `Service ${service.key} is of type ${service.type}: clients outside the cluster reach its pods` });
    }
    if (!called.has(service.key)) {
      traffic.todos.push({ namespace: service.namespace, direction: 'ingress', text: `nothing in the input names Service ${service.key}: allow its clients on ${formatPorts(service.ports)}` });
    }
  }

  scrapeFlows(workloads, traffic);
  return traffic;
}

interface ServiceInfo {
  key: string;
  name: string;
  namespace: string;
  type: string;
  ports: PortRef[];
  pods: PodsRef;
}

function servicesWithBackends(estate: Estate, workloads: readonly Workload[]): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  for (const service of objectsOfKind(estate, 'Service')) {
    const namespace = service.metadata.namespace ?? estate.defaultNamespace;
    const spec = asRecord(service.raw.spec) ?? {};
    const selector = asStringMap(spec.selector);
    if (Object.keys(selector).length === 0 || SYSTEM_NAMESPACES.has(namespace)) continue;
    const backends = workloads.filter((workload) => workload.namespace === namespace && !isHostNetwork(workload) && Object.entries(selector).every(([key, value]) => workload.podLabels[key] === value));
    if (backends.length === 0) continue;
    const ports = asArray(spec.ports).flatMap((entry): PortRef[] => {
      const port = asRecord(entry);
      const target = port?.targetPort ?? port?.port;
      return typeof target === 'number' || typeof target === 'string' ? [{ port: target, protocol: asString(port?.protocol) ?? 'TCP' }] : [];
    });
    const key = `${namespace}/${service.metadata.name}`;
    out.push({ key, name: service.metadata.name, namespace, type: asString(spec.type) ?? 'ClusterIP', ports: uniquePorts(ports), pods: { namespace, selector, label: `Service ${key}`, workloads: backends } });
  }
  return out;
}

function scrapeFlows(workloads: readonly Workload[], traffic: Traffic): void {
  const scrapers = workloads.filter((workload) => workload.containers.some((container) => imageName(container.image) === 'prometheus'));
  for (const target of workloads) {
    if (target.podAnnotations['prometheus.io/scrape'] !== 'true' || isHostNetwork(target)) continue;
    const port = Number(target.podAnnotations['prometheus.io/port']);
    const ports = Number.isInteger(port) && port > 0 ? [{ port, protocol: 'TCP' }] : declaredPorts(target);
    const pods = podsOf(target);
    if (!pods || ports.length === 0) continue;
    if (scrapers.length === 0) traffic.todos.push({ namespace: target.namespace, direction: 'ingress', text: `${workloadLabel(target)} asks to be scraped (prometheus.io/scrape) and no Prometheus is in the input: allow it on ${formatPorts(ports)}` });
    for (const scraper of scrapers) {
      const source = podsOf(scraper);
      if (source && !isSelf(source, pods)) traffic.flows.push({ from: { kind: 'pods', ...source }, to: pods, ports, why: `${workloadLabel(scraper)} scrapes ${workloadLabel(target)} (prometheus.io/scrape)` });
    }
  }
}

/** The labels that select a workload's pods and only them, as steadily as the manifests allow. */
export function podsOf(workload: Workload): PodsRef | undefined {
  const selector = stableSelector(workload);
  return selector ? { namespace: workload.namespace, selector, label: workloadLabel(workload), workloads: [workload] } : undefined;
}

/** Labels that change with every release or pod: never select by them. */
const VOLATILE_LABELS = /^(pod-template-hash|controller-revision-hash|controller-uid|job-name|app\.kubernetes\.io\/version|version|helm\.sh\/chart|statefulset\.kubernetes\.io\/pod-name|batch\.kubernetes\.io\/.*|pod-template-generation)$/;
const NAMING_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app', 'k8s-app', 'name', 'component'];

export function stableSelector(workload: Workload): Labels | undefined {
  const matchLabels = asStringMap(getPath(workload.object.raw, ['spec', 'selector', 'matchLabels']));
  const owned = Object.entries(matchLabels).filter(([key, value]) => workload.podLabels[key] === value && !VOLATILE_LABELS.test(key));
  if (owned.length > 0) return Object.fromEntries(owned);
  const steady = Object.entries(workload.podLabels).filter(([key]) => !VOLATILE_LABELS.test(key));
  const naming = steady.filter(([key]) => NAMING_LABELS.includes(key));
  const chosen = naming.length > 0 ? naming : steady;
  return chosen.length > 0 ? Object.fromEntries(chosen.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined;
}

function unlabelled(workload: Workload): TrafficTodo {
  return { namespace: workload.namespace, direction: 'egress', text: `${workloadLabel(workload)} has pods without labels, so no policy can select them: label its pod template (e.g. app.kubernetes.io/name: ${workload.name}) and run kubethreat fix again` };
}

function resolveHost(reference: HostReference, ownNamespace: string, namespaces: ReadonlySet<string>): { service: string; namespace: string } | undefined {
  const parts = reference.host.toLowerCase().replace(/\.$/, '').split('.');
  if (parts.length === 1) return { service: parts[0], namespace: ownNamespace };
  if (namespaces.has(parts[1]) && (parts.length === 2 || parts[2] === 'svc')) return { service: parts[0], namespace: parts[1] };
  if (parts.length >= 3 && parts[2] === 'svc') return { service: parts[0], namespace: parts[1] };
  return undefined;
}

const INGRESS_CONTROLLER = /(^|[/-])(ingress-nginx|nginx-ingress|traefik|haproxy-ingress|kong|contour|ingress-controller)([/:-]|$)/;

function isIngressController(workload: Workload): boolean {
  if (INGRESS_CONTROLLER.test(workload.podLabels['app.kubernetes.io/name'] ?? '')) return true;
  return workload.containers.some((container) => INGRESS_CONTROLLER.test((container.image ?? '').split('@')[0].replace(/:[^/]*$/, '')));
}

function ingressBackends(ingress: K8sObject): string[] {
  const spec = asRecord(ingress.raw.spec) ?? {};
  const backends: unknown[] = [spec.defaultBackend, spec.backend];
  for (const rule of asArray(spec.rules)) for (const path of asArray(getPath(rule, ['http', 'paths']))) backends.push(asRecord(path)?.backend);
  const names = backends.map((backend) => asString(getPath(backend, ['service', 'name'])) ?? asString(asRecord(backend)?.serviceName));
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}

function declaredPorts(workload: Workload): PortRef[] {
  return uniquePorts(
    workload.containers.flatMap((container) =>
      asArray(container.spec.ports).flatMap((entry) => {
        const port = asRecord(entry) as JsonRecord | undefined;
        return typeof port?.containerPort === 'number' ? [{ port: port.containerPort, protocol: asString(port.protocol) ?? 'TCP' }] : [];
      }),
    ),
  );
}

export function isHostNetwork(workload: Workload): boolean {
  return workload.spec.hostNetwork === true;
}

function isSelf(source: PodsRef, target: PodsRef): boolean {
  return source.namespace === target.namespace && target.workloads.every((workload) => source.workloads.includes(workload));
}

function imageName(image: string | undefined): string {
  return (image ?? '').split('@')[0].replace(/:[^/]*$/, '').split('/').at(-1) ?? '';
}

function uniquePorts(ports: readonly PortRef[]): PortRef[] {
  const seen = new Map(ports.map((port) => [`${port.protocol}/${port.port}`, port]));
  return [...seen.values()];
}

export function formatPorts(ports: readonly PortRef[]): string {
  return ports.map((port) => `${port.port}/${port.protocol}`).join(', ') || 'its ports';
}
