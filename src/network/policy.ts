/**
 * networking.k8s.io/v1 NetworkPolicy parsed into the shape the engine evaluates, with the API server's defaults
 * applied and its validation repeated: a policy the API server would reject never takes effect, so it is set aside
 * with its problems instead of being half-evaluated.
 */
import { asArray, asNumber, asRecord, isRecord } from '../model/json.js';
import { objectRef, type FieldPath, type K8sObject, type Location, type ObjectRef } from '../model/object.js';
import { addressSetOf, cidrContains, parseCidr, subtractAddresses, type AddressSet } from './addresses.js';
import { parseLabelSelector, selectEverything, type LabelSelector } from './label-selector.js';
import { asProtocol, MAX_PORT, type Protocol } from './ports.js';

export type Direction = 'ingress' | 'egress';
export const directions: readonly Direction[] = ['ingress', 'egress'];

export interface PolicyOrigin {
  ref: ObjectRef;
  location: Location;
}

export interface PodPeer {
  kind: 'pods';
  index: number;
  path: FieldPath;
  /** Absent: every pod (of the namespaces chosen by namespaceSelector, or of the policy's namespace). */
  podSelector?: LabelSelector;
  /** Absent: the policy's own namespace only. */
  namespaceSelector?: LabelSelector;
}

export interface IpBlockPeer {
  kind: 'ip-block';
  index: number;
  path: FieldPath;
  cidr: string;
  except: readonly string[];
  /** The block minus its exceptions. */
  addresses: AddressSet;
}

export type Peer = PodPeer | IpBlockPeer;

export interface PolicyPort {
  protocol: Protocol;
  /** A number, a container port name resolved against the destination pod, or absent for every port. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  direction: Direction;
  index: number;
  path: FieldPath;
  /** 'any': `from`/`to` missing or empty, every source or destination, inside the cluster or not. */
  peers: readonly Peer[] | 'any';
  /** 'any': `ports` missing or empty. */
  ports: readonly PolicyPort[] | 'any';
}

export interface NetworkPolicyModel {
  origin: PolicyOrigin;
  namespace: string;
  podSelector: LabelSelector;
  /** Directions for which the selected pods are isolated (policyTypes after defaulting). */
  isolates: Readonly<Record<Direction, boolean>>;
  rules: Readonly<Record<Direction, readonly PolicyRule[]>>;
  /** Rule sections present but ignored because policyTypes leaves their direction out. */
  ignoredSections: readonly Direction[];
}

export type PolicyParse = { ok: true; policy: NetworkPolicyModel } | { ok: false; origin: PolicyOrigin; problems: string[] };

export function isNetworkPolicy(object: K8sObject): boolean {
  return object.kind === 'NetworkPolicy' && object.apiVersion === 'networking.k8s.io/v1';
}

export function originOf(object: K8sObject, namespace: string): PolicyOrigin {
  const { file, line, column, helmTemplate } = object.source;
  const location: Location = helmTemplate === undefined ? { file, line, column } : { file, line, column, helmTemplate };
  return { ref: { ...objectRef(object), namespace }, location };
}

export function parseNetworkPolicy(object: K8sObject, defaultNamespace: string): PolicyParse {
  const namespace = object.metadata.namespace ?? defaultNamespace;
  const origin = originOf(object, namespace);
  const problems: string[] = [];
  const spec = asRecord(object.raw.spec) ?? {};
  // spec.podSelector is a struct, not a pointer, in the API types: leaving it out is the empty selector, all pods.
  let podSelector = selectEverything;
  if (spec.podSelector !== undefined && spec.podSelector !== null) {
    const parsed = parseLabelSelector(spec.podSelector);
    if (parsed.ok) podSelector = parsed.selector;
    else problems.push(`spec.podSelector: ${parsed.problem}`);
  }
  const rules = {
    ingress: parseRules('ingress', spec.ingress, problems),
    egress: parseRules('egress', spec.egress, problems),
  };
  const isolates = isolatedDirections(spec, rules.egress.length > 0, problems);
  const ignoredSections = (['ingress', 'egress'] as const).filter((direction) => !isolates[direction] && rules[direction].length > 0);
  if (problems.length > 0) return { ok: false, origin, problems };
  return { ok: true, policy: { origin, namespace, podSelector, isolates, rules, ignoredSections } };
}

/** policyTypes, or its default: Ingress always, Egress only when the policy has egress rules. */
function isolatedDirections(spec: Record<string, unknown>, hasEgressRules: boolean, problems: string[]): Record<Direction, boolean> {
  const listed = asArray(spec.policyTypes);
  if (listed.length === 0) return { ingress: true, egress: hasEgressRules };
  const isolates = { ingress: false, egress: false };
  for (let index = 0; index < listed.length; index++) {
    const type = listed[index];
    if (type === 'Ingress') isolates.ingress = true;
    else if (type === 'Egress') isolates.egress = true;
    else problems.push(`spec.policyTypes[${index}]: unknown type ${String(type)}`);
  }
  return isolates;
}

function parseRules(direction: Direction, raw: unknown, problems: string[]): PolicyRule[] {
  const peersField = direction === 'ingress' ? 'from' : 'to';
  return asArray(raw).map((entry, index) => {
    const path: FieldPath = ['spec', direction, index];
    const rule = isRecord(entry) ? entry : {};
    const rawPeers = asArray(rule[peersField]);
    const rawPorts = asArray(rule.ports);
    return {
      direction,
      index,
      path,
      peers: rawPeers.length === 0 ? 'any' : rawPeers.map((peer, peerIndex) => parsePeer(peer, path.concat(peersField, peerIndex), peerIndex, problems)),
      ports: rawPorts.length === 0 ? 'any' : rawPorts.map((port, portIndex) => parsePort(port, `spec.${direction}[${index}].ports[${portIndex}]`, problems)),
    };
  });
}

function parsePeer(raw: unknown, path: FieldPath, index: number, problems: string[]): Peer {
  const where = `spec.${String(path[1])}[${String(path[2])}].${String(path[3])}[${index}]`;
  const peer = isRecord(raw) ? raw : {};
  const present = (field: string): boolean => peer[field] !== undefined && peer[field] !== null;
  if (present('ipBlock')) {
    if (present('podSelector') || present('namespaceSelector')) problems.push(`${where}: ipBlock may not be combined with a selector`);
    return parseIpBlock(peer.ipBlock, path, index, where, problems);
  }
  if (!present('podSelector') && !present('namespaceSelector')) problems.push(`${where}: must specify a peer`);
  const selector = (field: 'podSelector' | 'namespaceSelector'): LabelSelector | undefined => {
    if (!present(field)) return undefined;
    const parsed = parseLabelSelector(peer[field]);
    if (parsed.ok) return parsed.selector;
    problems.push(`${where}.${field}: ${parsed.problem}`);
    return undefined;
  };
  const podPeer: PodPeer = { kind: 'pods', index, path };
  const podSelector = selector('podSelector');
  const namespaceSelector = selector('namespaceSelector');
  if (podSelector !== undefined) podPeer.podSelector = podSelector;
  if (namespaceSelector !== undefined) podPeer.namespaceSelector = namespaceSelector;
  return podPeer;
}

function parseIpBlock(raw: unknown, path: FieldPath, index: number, where: string, problems: string[]): IpBlockPeer {
  const block = isRecord(raw) ? raw : {};
  const cidrText = typeof block.cidr === 'string' ? block.cidr : '';
  const cidr = parseCidr(cidrText);
  const peer: IpBlockPeer = { kind: 'ip-block', index, path, cidr: cidrText, except: [], addresses: addressSetOf([]) };
  if (cidr === undefined) {
    problems.push(`${where}.ipBlock.cidr: not a valid CIDR: ${JSON.stringify(block.cidr)}`);
    return peer;
  }
  const exceptTexts = asArray(block.except).map((entry) => (typeof entry === 'string' ? entry : String(entry)));
  const exceptions = [];
  for (const [exceptIndex, text] of exceptTexts.entries()) {
    const excluded = parseCidr(text);
    if (excluded === undefined) problems.push(`${where}.ipBlock.except[${exceptIndex}]: not a valid CIDR: ${text}`);
    else if (!cidrContains(cidr, excluded) || excluded.prefixLength <= cidr.prefixLength)
      problems.push(`${where}.ipBlock.except[${exceptIndex}]: ${text} must be a strict subset of ${cidrText}`);
    else exceptions.push(excluded);
  }
  return { ...peer, except: exceptTexts, addresses: subtractAddresses(addressSetOf([cidr]), addressSetOf(exceptions)) };
}

/** A port name as the API server accepts it (IANA_SVC_NAME): lower-case letters, digits, inner dashes, a letter. */
const portNamePattern = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function parsePort(raw: unknown, where: string, problems: string[]): PolicyPort {
  const entry = isRecord(raw) ? raw : {};
  const protocol = entry.protocol === undefined || entry.protocol === null ? 'TCP' : asProtocol(entry.protocol);
  if (protocol === undefined) problems.push(`${where}.protocol: unsupported protocol ${String(entry.protocol)}`);
  const out: PolicyPort = { protocol: protocol ?? 'TCP' };
  const port = entry.port;
  if (typeof port === 'number') {
    if (!Number.isInteger(port) || port < 1 || port > MAX_PORT) problems.push(`${where}.port: ${port} is not a port number`);
    out.port = port;
  } else if (typeof port === 'string') {
    if (!portNamePattern.test(port)) problems.push(`${where}.port: ${JSON.stringify(port)} is not a valid port name`);
    out.port = port;
  } else if (port !== undefined && port !== null) problems.push(`${where}.port: must be a number or a name`);
  const endPort = asNumber(entry.endPort);
  if (entry.endPort !== undefined && entry.endPort !== null) {
    if (typeof out.port !== 'number') problems.push(`${where}.endPort: needs a numeric port`);
    else if (endPort === undefined || !Number.isInteger(endPort) || endPort < out.port || endPort > MAX_PORT)
      problems.push(`${where}.endPort: must be a port number not below port`);
    else out.endPort = endPort;
  }
  return out;
}
