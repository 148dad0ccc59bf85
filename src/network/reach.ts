/** canReach: is a connection allowed between two endpoints (pod groups, classes, namespaces, the internet, an IP)? */
import { addressSetOf, parseIp, type AddressSet } from './addresses.js';
import type { CompiledPolicies } from './compiled-policies.js';
import type { Decision, Verdict } from './decisions.js';
import { evaluateDirection, type Counterpart, type DirectionVerdict, type QueryPort } from './evaluate-direction.js';
import type { PodClass, PodClassIndex } from './pod-classes.js';
import type { PodGroup } from './pod-groups.js';
import { allPorts, containsPort, emptyPortSet, intersectPorts, isEmptyPortSet, type Protocol } from './ports.js';
import { internetAddresses } from './well-known-addresses.js';

export type Endpoint =
  | PodGroup
  | { kind: 'pod-class'; classId: number }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'internet' }
  | { kind: 'ip'; ip: string };

export interface PortQuery {
  /** A number, or a container port name resolved against the destination pod. */
  port: number | string;
  /** Defaults to TCP (for a name: the protocol of the destination's port of that name). */
  protocol?: Protocol;
}

/** A question the engine cannot answer as asked (unknown pod group, malformed IP): the caller's input is wrong. */
export class NetworkQueryError extends Error {
  override name = 'NetworkQueryError';
}

type Side = { kind: 'classes'; classes: readonly PodClass[]; label: string } | { kind: 'addresses'; addresses: AddressSet; name: string };

export interface ReachContext {
  index: PodClassIndex;
  compiled: CompiledPolicies;
}

function sideOf(context: ReachContext, endpoint: Endpoint): Side {
  switch (endpoint.kind) {
    case 'pod-group': {
      const classId = context.index.classIdOfGroup(endpoint.id);
      if (classId === undefined) throw new NetworkQueryError(`unknown pod group ${endpoint.id}`);
      return { kind: 'classes', classes: [context.index.classes[classId]], label: endpoint.id };
    }
    case 'pod-class': {
      const podClass = context.index.classes[endpoint.classId];
      if (podClass === undefined) throw new NetworkQueryError(`unknown pod class ${endpoint.classId}`);
      return { kind: 'classes', classes: [podClass], label: `pod class ${endpoint.classId}` };
    }
    case 'namespace':
      return { kind: 'classes', classes: context.index.classesInNamespace(endpoint.namespace), label: `namespace ${endpoint.namespace}` };
    case 'internet':
      return { kind: 'addresses', addresses: internetAddresses, name: 'the internet' };
    case 'ip': {
      const address = parseIp(endpoint.ip);
      if (address === undefined) throw new NetworkQueryError(`not an IP address: ${endpoint.ip}`);
      return { kind: 'addresses', addresses: addressSetOf([address]), name: endpoint.ip };
    }
  }
}

const outsideCluster = (direction: 'ingress' | 'egress'): DirectionVerdict => ({
  ports: allPorts,
  decisions: [{ kind: 'not-isolated', direction, reason: 'outside-cluster' }],
  notes: [],
});

/** Resolves a port query against the destination; a name the destination does not have cannot be reached. */
function resolveQuery(query: PortQuery | undefined, destination: PodClass | undefined): QueryPort | string | undefined {
  if (query === undefined) return undefined;
  if (typeof query.port === 'number') return { protocol: query.protocol ?? 'TCP', port: query.port };
  if (destination === undefined) return `named port ${query.port} cannot be resolved for a destination outside the cluster`;
  const named = destination.ports.find((port) => port.name === query.port && (query.protocol === undefined || port.protocol === query.protocol));
  return named === undefined ? `the destination has no container port named ${query.port}` : { protocol: named.protocol, port: named.port };
}

function verdictBetween(context: ReachContext, from: PodClass | Counterpart, to: PodClass | Counterpart, query?: PortQuery): Verdict {
  const source = 'id' in from ? from : undefined;
  const destination = 'id' in to ? to : undefined;
  const resolved = resolveQuery(query, destination);
  if (typeof resolved === 'string') return { allowed: false, ports: emptyPortSet, reasons: [], notes: [resolved] };
  const egress = source === undefined ? outsideCluster('egress') : evaluateDirection(context.compiled, 'egress', source, counterpartOf(to), destination, resolved);
  const ingress =
    destination === undefined ? outsideCluster('ingress') : evaluateDirection(context.compiled, 'ingress', destination, counterpartOf(from), destination, resolved);
  const ports = intersectPorts(egress.ports, ingress.ports);
  const allowed = resolved === undefined ? !isEmptyPortSet(ports) : containsPort(ports, resolved.protocol, resolved.port);
  const verdict: Verdict = { allowed, ports, reasons: [...egress.decisions, ...ingress.decisions], notes: [...new Set([...egress.notes, ...ingress.notes])] };
  if (source !== undefined) verdict.fromClassId = source.id;
  if (destination !== undefined) verdict.toClassId = destination.id;
  return verdict;
}

function counterpartOf(end: PodClass | Counterpart): Counterpart {
  return 'id' in end ? { kind: 'class', podClass: end } : end;
}

export function canReach(context: ReachContext, from: Endpoint, to: Endpoint, query?: PortQuery): Verdict {
  const fromSide = sideOf(context, from);
  const toSide = sideOf(context, to);
  if (fromSide.kind === 'addresses' && toSide.kind === 'addresses')
    return { allowed: true, ports: allPorts, reasons: [], notes: ['neither end is a pod: no NetworkPolicy applies'] };
  const ends = (side: Side): (PodClass | Counterpart)[] =>
    side.kind === 'classes' ? [...side.classes] : [{ kind: 'addresses', addresses: side.addresses, name: side.name }];
  const fromEnds = ends(fromSide);
  const toEnds = ends(toSide);
  const empty = [fromSide, toSide].find((side) => side.kind === 'classes' && side.classes.length === 0);
  if (empty !== undefined && empty.kind === 'classes')
    return { allowed: false, ports: emptyPortSet, reasons: [], notes: [`${empty.label} has no pods in the input`] };
  // A namespace stands for any of its pods: the first allowed pair is the witness; if none, every pair's reasons.
  const denied: Verdict[] = [];
  for (const source of fromEnds)
    for (const destination of toEnds) {
      const verdict = verdictBetween(context, source, destination, query);
      if (verdict.allowed) return verdict;
      denied.push(verdict);
    }
  if (denied.length === 1) return denied[0];
  const reasons = new Map<string, Decision>();
  for (const verdict of denied) for (const reason of verdict.reasons) reasons.set(JSON.stringify(reason), reason);
  return { allowed: false, ports: emptyPortSet, reasons: [...reasons.values()], notes: [...new Set(denied.flatMap((verdict) => verdict.notes))] };
}
