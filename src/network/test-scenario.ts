/** Test helper: build a cluster from YAML and ask yes/no reachability questions in one line. */
import type { Endpoint, NetworkAnalysis, PortQuery } from './index.js';
import { analyzeNetwork } from './index.js';
import type { Protocol } from './ports.js';
import { objectsFromYaml } from './test-objects.js';

export interface PodSpec {
  labels?: Record<string, string>;
  /** `http:8080`, `8080`, `dns:53/UDP` */
  ports?: string[];
  hostNetwork?: boolean;
}

/** A Pod manifest; its group id is `Pod/<namespace>/<name>`. */
export function pod(namespace: string, name: string, spec: PodSpec = {}): string {
  const ports = (spec.ports ?? []).map((text) => {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/(TCP|UDP|SCTP))?$/.exec(text);
    if (match === null) throw new Error(`bad port ${text}`);
    const [, name, port, protocol] = match;
    return { ...(name === undefined ? {} : { name }), containerPort: Number(port), ...(protocol === undefined ? {} : { protocol }) };
  });
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: spec.labels ?? {} },
    spec: { ...(spec.hostNetwork === true ? { hostNetwork: true } : {}), containers: [{ name: 'main', image: 'app:1', ports }] },
  });
}

export function namespace(name: string, labels: Record<string, string> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export function cluster(...documents: string[]): NetworkAnalysis {
  return analyzeNetwork(objectsFromYaml(documents.join('\n---\n'), 'cluster.yaml'));
}

/** `Pod/ns/name`, `ns:name`, `internet`, `ip:1.2.3.4`. */
export function endpoint(network: NetworkAnalysis, text: string): Endpoint {
  if (text === 'internet') return { kind: 'internet' };
  if (text.startsWith('ip:')) return { kind: 'ip', ip: text.slice(3) };
  if (text.startsWith('ns:')) return { kind: 'namespace', namespace: text.slice(3) };
  const group = network.groups.find((candidate) => candidate.id === text);
  if (group === undefined) throw new Error(`no pod group ${text}`);
  return group;
}

/** `80`, `80/UDP`, `http`, `dns/UDP` */
export function portQuery(text: string): PortQuery {
  const [port, protocol] = text.split('/') as [string, Protocol | undefined];
  const value = /^\d+$/.test(port) ? Number(port) : port;
  return protocol === undefined ? { port: value } : { port: value, protocol };
}

export function reaches(network: NetworkAnalysis, from: string, to: string, port?: string): boolean {
  return network.canReach(endpoint(network, from), endpoint(network, to), port === undefined ? undefined : portQuery(port)).allowed;
}
