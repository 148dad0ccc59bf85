/**
 * NetworkPolicies: per namespace, a default deny for each direction it does not deny yet, then the allows the
 * traffic the manifests show needs (traffic.ts): ingress to each Service's pods from its clients, egress from each
 * workload to what it names, DNS to kube-system. What cannot be inferred is written as TODO comments above the
 * namespace's default deny. A direction a namespace already denies by default is its owners' design: left alone.
 */
import { analyzeNetwork, type Endpoint, type NetworkAnalysis, type Protocol } from '../../network/index.js';
import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { workloadsByNamespace } from '../../rules/helpers.js';
import { serviceAccountHasOwnGrants } from '../token-fixes.js';
import { formatPorts, inferTraffic, isHostNetwork, type Flow, type PodsRef, type PortRef, type Traffic } from './traffic.js';
import { GENERATED_PREFIX, type GeneratedObject, type Measure, type MeasureContext, type MeasureResult } from './types.js';

export const networkPolicies: Measure = {
  id: 'network-policies',
  title: 'NetworkPolicies',
  rules: ['namespace-default-deny-missing', 'network-policy-missing'],
  make: makePolicies,
};

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function makePolicies({ estate, options }: MeasureContext): MeasureResult {
  const result: MeasureResult = { objects: [], changes: [], notes: [] };
  const network = analyzeNetwork(estate.objects, { defaultNamespace: estate.defaultNamespace });
  const denied = new Map(network.defaultDeny().map((status) => [status.namespace, { ingress: status.ingress.length > 0, egress: status.egress.length > 0 }]));
  const traffic = inferTraffic(estate, (workload) => serviceAccountHasOwnGrants(estate, workload.object, workload.namespace, workload.serviceAccountName, options.kubernetesVersion));
  for (const [namespace, workloads] of [...workloadsByNamespace(estate)].sort(([a], [b]) => compare(a, b))) {
    if (SYSTEM_NAMESPACES.has(namespace) || workloads.every(isHostNetwork)) continue;
    const needs = { ingress: denied.get(namespace)?.ingress !== true, egress: denied.get(namespace)?.egress !== true };
    if (!needs.ingress && !needs.egress) continue;
    result.objects.push(defaultDeny(namespace, needs, traffic));
    if (needs.egress) result.objects.push(dnsEgress(namespace));
    if (needs.ingress) result.objects.push(...ingressAllows(namespace, traffic.flows.filter((flow) => flow.to.namespace === namespace)));
    if (needs.egress) result.objects.push(...egressAllows(namespace, traffic.flows.filter((flow) => flow.from.kind === 'pods' && flow.from.namespace === namespace)));
  }
  result.notes.push(...blockedAlready(network, traffic.flows));
  return result;
}

/**
 * Flows the manifests suggest that the NetworkPolicies already there block: left alone (their owners chose), but
 * worth a look, since either the policy misses a flow or the reference is not a connection (a shared ConfigMap).
 */
function blockedAlready(network: NetworkAnalysis, flows: readonly Flow[]): string[] {
  const groups = new Map(network.groups.map((group) => [group.id, group]));
  const notes: string[] = [];
  for (const flow of flows) {
    const to = groups.get(groupId(flow.to));
    const from: Endpoint | undefined = flow.from.kind === 'anywhere' ? { kind: 'internet' } : groups.get(groupId(flow.from));
    if (!to || !from) continue;
    const blocked = flow.ports.filter((port) => !network.canReach(from, to, { port: port.port, protocol: port.protocol as Protocol }).allowed);
    if (blocked.length > 0) notes.push(`${flow.why}, and the NetworkPolicies in the input block it (${formatPorts(blocked)}): allow it there, or ignore this if it is no connection`);
  }
  return notes;
}

/** The pod group (src/network) of the first workload behind a PodsRef: `Kind/namespace/name`. */
export function groupId(pods: PodsRef): string {
  const [workload] = pods.workloads;
  return `${workload.kind}/${workload.namespace}/${workload.name}`;
}

function defaultDeny(namespace: string, needs: { ingress: boolean; egress: boolean }, traffic: Traffic): GeneratedObject {
  const types = [...(needs.ingress ? ['Ingress'] : []), ...(needs.egress ? ['Egress'] : [])];
  const todos = traffic.todos.filter((todo) => todo.namespace === namespace && needs[todo.direction]).map((todo) => `TODO(kubethreat): ${todo.text}.`);
  return {
    measure: 'network-policies',
    manifest: policy(namespace, 'default-deny', {}, { policyTypes: types }),
    comments: [
      `Namespace ${namespace}: no traffic ${types.map((type) => type.toLowerCase()).join(' or ')} unless a policy allows it. The ${GENERATED_PREFIX}* policies below allow what the manifests show is needed.`,
      ...(todos.length > 0 ? ['What the manifests cannot tell (allow it before applying this policy, or those connections break):', ...todos] : []),
    ],
  };
}

function dnsEgress(namespace: string): GeneratedObject {
  return {
    measure: 'network-policies',
    manifest: policy(namespace, 'allow-dns', {}, {
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
      ],
    }),
    comments: [`Every pod of ${namespace} may resolve names through the cluster DNS (kube-dns/CoreDNS pods in kube-system, label k8s-app: kube-dns).`],
  };
}

function ingressAllows(namespace: string, flows: readonly Flow[]): GeneratedObject[] {
  const names = new UniqueNames();
  // Grouped by selector: a Service and the scrape target behind it select the same pods, and get one policy.
  return groupBy(flows, (flow) => JSON.stringify(flow.to.selector)).map(([, group]) => {
    const target = group[0].to;
    const labels = uniqueBy(group.map((flow) => flow.to.label), (label) => label).sort(compare);
    const rules = groupBy(group, (flow) => portsKey(flow.ports)).map(([, sameports]) => {
      const anywhere = sameports.some((flow) => flow.from.kind === 'anywhere');
      const peers = uniqueBy(sameports.flatMap((flow) => (flow.from.kind === 'pods' ? [peer(flow.from, namespace)] : [])), (entry) => JSON.stringify(entry));
      return { ...(anywhere ? {} : { from: peers }), ports: ports(sameports[0].ports) };
    });
    return {
      measure: 'network-policies' as const,
      manifest: policy(namespace, names.take(`ingress-${nameOf(labels[labels.length - 1])}`), target.selector, { policyTypes: ['Ingress'], ingress: rules }),
      comments: [`Who may connect to ${labels.join(' and ')}:`, ...uniqueBy(group.map((flow) => `- ${flow.why}: ${formatPorts(flow.ports)}`), (line) => line)],
    };
  });
}

function egressAllows(namespace: string, flows: readonly Flow[]): GeneratedObject[] {
  const names = new UniqueNames();
  return groupBy(flows, (flow) => (flow.from.kind === 'pods' ? JSON.stringify(flow.from.selector) : '')).map(([, group]) => {
    const source = group[0].from as PodsRef;
    const rules = groupBy(group, (flow) => `${JSON.stringify(flow.to.selector)}|${flow.to.namespace}|${portsKey(flow.ports)}`).map(([, same]) => ({ to: [peer(same[0].to, namespace)], ports: ports(same[0].ports) }));
    return {
      measure: 'network-policies' as const,
      manifest: policy(namespace, names.take(`egress-${nameOf(source.label)}`), source.selector, { policyTypes: ['Egress'], egress: rules }),
      comments: [`Where ${source.label} may connect (besides DNS):`, ...uniqueBy(group.map((flow) => `- ${flow.why}: ${formatPorts(flow.ports)}`), (line) => line)],
    };
  });
}

/** Policy names, made unique within a namespace with -2, -3, … */
class UniqueNames {
  private readonly used = new Set<string>();
  take(name: string): string {
    let candidate = name;
    for (let index = 2; this.used.has(candidate); index++) candidate = `${name}-${index}`;
    this.used.add(candidate);
    return candidate;
  }
}

function policy(namespace: string, name: string, selector: Record<string, string>, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${GENERATED_PREFIX}${name}`, namespace },
    spec: { podSelector: Object.keys(selector).length > 0 ? { matchLabels: selector } : {}, ...spec },
  };
}

function peer(pods: PodsRef, from: string): Record<string, unknown> {
  const podSelector = { matchLabels: pods.selector };
  return pods.namespace === from ? { podSelector } : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: pods.namespace } }, podSelector };
}

function ports(list: readonly PortRef[]): Array<Record<string, unknown>> {
  return list.map((port) => ({ protocol: port.protocol, port: port.port }));
}

/** `Service shop/api` → api; `Deployment shop/web` → web. */
function nameOf(label: string): string {
  return label.slice(label.lastIndexOf('/') + 1).toLowerCase();
}

function portsKey(list: readonly PortRef[]): string {
  return list.map((port) => `${port.protocol}/${port.port}`).join(',');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return [...groups].sort(([a], [b]) => compare(a, b));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
