/**
 * Test helper: small random estates (seeded, so failures reproduce) and an oracle that evaluates NetworkPolicy
 * pod by pod straight from the specification, written independently of the engine's classes and indexes.
 */
import type { Protocol } from './ports.js';

type Labels = Record<string, string>;
type Selector = { matchLabels?: Labels; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
type Peer = { podSelector?: Selector; namespaceSelector?: Selector; ipBlock?: { cidr: string; except?: string[] } };
type Port = { port?: number | string; endPort?: number; protocol?: Protocol };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: Port[] };

export interface RandomPod {
  namespace: string;
  name: string;
  labels: Labels;
  ports: { name: string; containerPort: number; protocol: Protocol }[];
  hostNetwork: boolean;
}

export interface RandomPolicy {
  namespace: string;
  name: string;
  spec: { podSelector?: Selector; policyTypes?: ('Ingress' | 'Egress')[]; ingress?: Rule[]; egress?: Rule[] };
}

export interface RandomEstate {
  namespaces: { name: string; labels: Labels }[];
  pods: RandomPod[];
  policies: RandomPolicy[];
}

/** Blocks the generator uses, with whether they overlap the private ranges node IPs are assumed to live in. */
const blocks: { cidr: string; except?: string[]; overlapsNodes: boolean }[] = [
  { cidr: '0.0.0.0/0', overlapsNodes: true },
  { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'], overlapsNodes: false },
  { cidr: '10.0.0.0/8', overlapsNodes: true },
  { cidr: '8.8.8.0/24', overlapsNodes: false },
  { cidr: '169.254.0.0/16', except: ['169.254.169.254/32'], overlapsNodes: false },
];

export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

export function randomEstate(seed: number): RandomEstate {
  const random = randomGenerator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (probability: number): boolean => random() < probability;
  const namespaces = ['a', 'b', 'c'].map((name) => ({ name, labels: (chance(0.7) ? { env: pick(['dev', 'prod']) } : {}) as Labels }));
  const labelSet = (): Labels => {
    const labels: Labels = {};
    if (chance(0.8)) labels.app = pick(['web', 'db', 'api']);
    if (chance(0.5)) labels.tier = pick(['front', 'back']);
    return labels;
  };
  const pods: RandomPod[] = Array.from({ length: 10 }, (_, index) => ({
    namespace: pick(namespaces).name,
    name: `pod-${index}`,
    labels: labelSet(),
    ports: chance(0.7) ? [{ name: 'http', containerPort: pick([8080, 9090]), protocol: 'TCP' }] : [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
    hostNetwork: chance(0.1),
  }));
  const selector = (): Selector => {
    const roll = random();
    if (roll < 0.25) return {};
    if (roll < 0.6) return { matchLabels: { app: pick(['web', 'db', 'api']) } };
    if (roll < 0.8) return { matchExpressions: [{ key: 'tier', operator: pick(['In', 'NotIn']), values: [pick(['front', 'back'])] }] };
    return { matchExpressions: [{ key: pick(['tier', 'app']), operator: pick(['Exists', 'DoesNotExist']) }] };
  };
  const namespaceSelector = (): Selector => (chance(0.3) ? {} : { matchLabels: chance(0.5) ? { env: pick(['dev', 'prod']) } : { 'kubernetes.io/metadata.name': pick(['a', 'b', 'c']) } });
  const peer = (): Peer => {
    const roll = random();
    if (roll < 0.3) return { podSelector: selector() };
    if (roll < 0.5) return { namespaceSelector: namespaceSelector() };
    if (roll < 0.75) return { podSelector: selector(), namespaceSelector: namespaceSelector() };
    const block = pick(blocks);
    return { ipBlock: block.except === undefined ? { cidr: block.cidr } : { cidr: block.cidr, except: block.except } };
  };
  const port = (): Port => {
    const roll = random();
    if (roll < 0.3) return { port: pick([8080, 9090]) };
    if (roll < 0.5) return { port: 'http' };
    if (roll < 0.65) return { port: 'dns', protocol: 'UDP' };
    if (roll < 0.8) return { port: 8000, endPort: 8999 };
    return { protocol: pick(['UDP', 'SCTP', 'TCP'] as const) };
  };
  const rule = (peersField: 'from' | 'to'): Rule => {
    const out: Rule = {};
    if (chance(0.75)) out[peersField] = Array.from({ length: 1 + Math.floor(random() * 2) }, peer);
    if (chance(0.6)) out.ports = Array.from({ length: 1 + Math.floor(random() * 2) }, port);
    return out;
  };
  const policies: RandomPolicy[] = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, index) => {
    const spec: RandomPolicy['spec'] = {};
    if (chance(0.85)) spec.podSelector = selector();
    if (chance(0.5)) spec.policyTypes = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']] as ('Ingress' | 'Egress')[][]);
    if (chance(0.7)) spec.ingress = Array.from({ length: Math.floor(random() * 3) }, () => rule('from'));
    if (chance(0.5)) spec.egress = Array.from({ length: Math.floor(random() * 3) }, () => rule('to'));
    return { namespace: pick(namespaces).name, name: `policy-${index}`, spec };
  });
  return { namespaces, pods, policies };
}

export function estateYaml(estate: RandomEstate): string {
  const documents = [
    ...estate.namespaces.map((namespace) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: namespace.labels } })),
    ...estate.pods.map((pod) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels },
      spec: { hostNetwork: pod.hostNetwork, containers: [{ name: 'main', ports: pod.ports }] },
    })),
    ...estate.policies.map((policy) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: policy.name, namespace: policy.namespace },
      spec: policy.spec,
    })),
  ];
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

function selects(selector: Selector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    if (operator === 'In' && !(has && values.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The oracle: is `source` → `destination` on (port, protocol) allowed? Straight from the API documentation. */
export function oracleAllows(estate: RandomEstate, source: RandomPod, destination: RandomPod, port: number, protocol: Protocol): boolean {
  const namespaceLabels = (name: string): Labels => ({ ...estate.namespaces.find((namespace) => namespace.name === name)?.labels, 'kubernetes.io/metadata.name': name });
  const types = (policy: RandomPolicy): string[] =>
    policy.spec.policyTypes?.length ? policy.spec.policyTypes : ['Ingress', ...((policy.spec.egress?.length ?? 0) > 0 ? ['Egress'] : [])];
  const peerAdmits = (peer: Peer, policy: RandomPolicy, other: RandomPod): boolean => {
    if (peer.ipBlock !== undefined)
      return other.hostNetwork && blocks.some((block) => block.cidr === peer.ipBlock?.cidr && (block.except ?? []).join() === (peer.ipBlock.except ?? []).join() && block.overlapsNodes);
    if (other.hostNetwork) return false;
    const namespaceOk = peer.namespaceSelector === undefined ? other.namespace === policy.namespace : selects(peer.namespaceSelector, namespaceLabels(other.namespace));
    return namespaceOk && (peer.podSelector === undefined || selects(peer.podSelector, other.labels));
  };
  const portAdmits = (ports: Port[] | undefined): boolean =>
    ports === undefined ||
    ports.length === 0 ||
    ports.some((entry) => {
      const entryProtocol = entry.protocol ?? 'TCP';
      if (entryProtocol !== protocol) return false;
      if (entry.port === undefined) return true;
      if (typeof entry.port === 'string') return destination.ports.some((candidate) => candidate.name === entry.port && candidate.protocol === protocol && candidate.containerPort === port);
      return entry.port <= port && port <= (entry.endPort ?? entry.port);
    });
  const directionAllows = (direction: 'Ingress' | 'Egress', subject: RandomPod, other: RandomPod): boolean => {
    if (subject.hostNetwork) return true;
    const isolating = estate.policies.filter((policy) => policy.namespace === subject.namespace && selects(policy.spec.podSelector ?? {}, subject.labels) && types(policy).includes(direction));
    if (isolating.length === 0) return true;
    return isolating.some((policy) =>
      (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress)?.some((rule) => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        const peerOk = peers === undefined || peers.length === 0 || peers.some((peer) => peerAdmits(peer, policy, other));
        return peerOk && portAdmits(rule.ports);
      }),
    );
  };
  return directionAllows('Egress', source, destination) && directionAllows('Ingress', destination, source);
}
