/**
 * `kubethreat reach FROM TO [--port PORT[/PROTO]] PATHS…`: may FROM open a connection to TO under the estate's
 * NetworkPolicies, and which policies (file:line) decide it. FROM and TO: a workload `Kind/namespace/name` (or
 * `Kind/name` in the default namespace), `namespace:NAME`, `internet`, or an IP address.
 */
import { Option, type Command } from 'commander';
import { objectKey, type FieldPath, type K8sObject, type Location } from '../model/object.js';
import { formatPath } from '../model/object.js';
import { analyzeNetwork, formatPorts, NetworkQueryError, type Decision, type Endpoint, type NetworkAnalysis, type PortQuery, type Protocol, type Verdict } from '../network/index.js';
import type { ClusterFlags } from './cluster-input.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { loadCliInput } from './load-input.js';

export const REACH_FORMATS = ['text', 'json'] as const;

export interface ReachFlags extends ClusterFlags {
  port?: string;
  format: string;
  namespace: string;
}

export function registerReachCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const collect = (value: string, previous: string[]): string[] => [...previous, value];
  program
    .command('reach')
    .description('may FROM connect to TO under the NetworkPolicies, and which policies decide it (file:line)')
    .argument('<from>', 'Kind/namespace/name of a workload, namespace:NAME, internet, or an IP address')
    .argument('<to>', 'Kind/namespace/name of a workload, namespace:NAME, internet, or an IP address')
    .argument('[paths...]', 'files and folders to read; - reads standard input')
    .option('-p, --port <port>', 'a port number or a container port name, optionally /TCP, /UDP or /SCTP (default: any port)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REACH_FORMATS]).default('text'))
    .option('-n, --namespace <name>', 'namespace of objects that name none (as kubectl)', 'default')
    .option('--cluster', "read the live cluster of the kubeconfig's current context (read-only) instead of files")
    .option('--context <name>', 'read the cluster of this kubeconfig context (repeatable; implies --cluster)', collect, [])
    .option('--kubeconfig <file>', 'kubeconfig to use (implies --cluster)')
    .option('--include-namespace <name>', 'of a live cluster, read this namespace only (repeatable), for an identity whose rights are bound in some namespaces; implies --cluster', collect, [])
    .option('--cluster-name <name>', 'name of the cluster these inputs describe')
    .action(async (from: string, to: string, paths: string[], flags: ReachFlags) => {
      setExitCode(await runReach(from, to, paths, flags, io));
    });
}

interface ResolvedEndpoint {
  spec: string;
  label: string;
  endpoint: Endpoint;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function resolveEndpoint(spec: string, network: NetworkAnalysis, defaultNamespace: string): ResolvedEndpoint {
  if (spec === 'internet') return { spec, label: 'the internet', endpoint: { kind: 'internet' } };
  if (spec.startsWith('namespace:')) {
    const namespace = spec.slice('namespace:'.length);
    if (namespace === '') throw new UsageError(`"${spec}": name the namespace, e.g. namespace:shop`);
    return { spec, label: `namespace ${namespace}`, endpoint: { kind: 'namespace', namespace } };
  }
  if (IPV4.test(spec) || (spec.includes(':') && /^[0-9a-fA-F:.]+$/.test(spec))) return { spec, label: spec, endpoint: { kind: 'ip', ip: spec } };
  const parts = spec.split('/');
  if (parts.length === 2 || parts.length === 3) {
    const [kind, namespace, name] = parts.length === 3 ? parts : [parts[0], defaultNamespace, parts[1]];
    const group = network.groups.find((candidate) => candidate.owner.kind.toLowerCase() === kind.toLowerCase() && candidate.namespace === namespace && candidate.owner.name === name);
    if (group !== undefined) return { spec, label: `${group.owner.kind} ${group.namespace}/${group.owner.name}`, endpoint: group };
    const known = network.groups.filter((candidate) => candidate.owner.name === name).map((candidate) => objectKey(candidate.owner));
    throw new UsageError(`no workload ${kind}/${namespace}/${name} in the input${known.length > 0 ? ` (did you mean ${known.slice(0, 3).join(', ')}?)` : ''}`);
  }
  throw new UsageError(`cannot read "${spec}": write Kind/namespace/name, namespace:NAME, internet or an IP address`);
}

function parsePort(text: string | undefined): PortQuery | undefined {
  if (text === undefined) return undefined;
  const match = /^([^/]+)(?:\/(tcp|udp|sctp))?$/i.exec(text);
  if (match === null) throw new UsageError(`invalid --port "${text}": write 8080, 53/UDP or a container port name such as http`);
  const protocol = match[2]?.toUpperCase() as Protocol | undefined;
  const port = /^\d+$/.test(match[1]) ? Number(match[1]) : match[1];
  if (typeof port === 'number' && (port < 1 || port > 65535)) throw new UsageError(`invalid --port "${text}": a port is between 1 and 65535`);
  return protocol === undefined ? { port } : { port, protocol };
}

interface DecisionView {
  direction: string;
  kind: string;
  /** The side whose policies decide: "Deployment shop/api", or "outside the cluster". */
  subject: string;
  reason?: string;
  policy?: { namespace?: string; name: string; file: string; line: number };
  /** Field path of the rule or peer, and where it is written. */
  path?: string;
  location?: Location;
  ports?: string;
  text: string;
}

const DECISION_ORDER: readonly Decision['kind'][] = ['not-isolated', 'isolated', 'rule-allows', 'rule-excludes-port', 'no-rule-allows'];

type Locate = (source: K8sObject['source'], path: FieldPath) => Location;

function describeDecision(decision: Decision, network: NetworkAnalysis, ends: { from: ResolvedEndpoint; to: ResolvedEndpoint }, objects: readonly K8sObject[], locate: Locate): DecisionView {
  const side = decision.direction === 'egress' ? ends.from : ends.to;
  const podClass = decision.subjectClassId === undefined ? undefined : network.classes[decision.subjectClassId];
  const queried = side.endpoint.kind === 'pod-group' ? side.label : undefined;
  const subject = podClass === undefined ? 'outside the cluster' : (queried ?? `${podClass.groups[0].owner.kind} ${podClass.namespace}/${podClass.groups[0].owner.name}`);
  const view: DecisionView = { direction: decision.direction, kind: decision.kind, subject, text: '' };
  if (decision.reason !== undefined) view.reason = decision.reason;
  const origin = decision.policy;
  let where = '';
  if (origin !== undefined) {
    view.policy = { ...(origin.ref.namespace !== undefined ? { namespace: origin.ref.namespace } : {}), name: origin.ref.name, file: origin.location.file, line: origin.location.line };
    const object = objects.find((candidate) => candidate.source.file === origin.location.file && candidate.source.line === origin.location.line);
    const location = object !== undefined && decision.path !== undefined ? locate(object.source, decision.path) : origin.location;
    view.location = location;
    where = ` (${location.file}:${location.line})`;
  }
  if (decision.path !== undefined) view.path = formatPath(decision.path);
  if (decision.ports !== undefined) view.ports = formatPorts(decision.ports);
  const policyName = origin === undefined ? '' : `NetworkPolicy ${origin.ref.namespace ?? ''}/${origin.ref.name}`;
  const of = `${decision.direction} of ${subject}`;
  switch (decision.kind) {
    case 'not-isolated':
      view.text =
        decision.reason === 'host-network'
          ? `${of}: hostNetwork, no NetworkPolicy applies${decision.ignoredPolicies?.length ? ` (${decision.ignoredPolicies.map((policy) => policy.ref.name).join(', ')} select it in vain)` : ''}`
          : decision.reason === 'outside-cluster'
            ? `${decision.direction}: ${side.label} is outside the cluster, no NetworkPolicy applies there`
            : `${of}: not isolated, no NetworkPolicy selects it for ${decision.direction}`;
      break;
    case 'isolated':
      view.text = `${of}: isolated by ${policyName}${where}`;
      break;
    case 'rule-allows':
      view.text = `${of}: ${view.path ?? 'a rule'} of ${policyName} allows it on ${view.ports ?? 'every port'}${where}`;
      break;
    case 'rule-excludes-port':
      view.text = `${of}: ${view.path ?? 'a rule'} of ${policyName} admits the peer, but only on ${view.ports ?? 'other ports'}${where}`;
      break;
    case 'no-rule-allows':
      view.text = `${of}: no rule of the isolating policies admits ${decision.direction === 'ingress' ? ends.from.label : ends.to.label}`;
      break;
  }
  return view;
}

export async function runReach(fromText: string, toText: string, paths: string[], flags: ReachFlags, io: CliIo): Promise<number> {
  if (!(REACH_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}": use text or json`);
  const port = parsePort(flags.port);
  const { loaded } = await loadCliInput(paths, flags, io);
  const network = analyzeNetwork(loaded.objects, { defaultNamespace: flags.namespace });
  const from = resolveEndpoint(fromText, network, flags.namespace);
  const to = resolveEndpoint(toText, network, flags.namespace);
  let verdict: Verdict;
  try {
    verdict = network.canReach(from.endpoint, to.endpoint, port);
  } catch (error) {
    if (error instanceof NetworkQueryError) throw new UsageError(error.message);
    throw error;
  }
  const locate: Locate = loaded.locator.locate.bind(loaded.locator);
  // The source's egress first, then the destination's ingress; in each, what isolates before what allows or denies.
  const order = (decision: Decision): number => (decision.direction === 'egress' ? 0 : 10) + DECISION_ORDER.indexOf(decision.kind);
  const decisions = [...verdict.reasons]
    .sort((a, b) => order(a) - order(b))
    .map((decision) => describeDecision(decision, network, { from, to }, loaded.objects, locate));
  const portText = port === undefined ? 'any port' : `${port.protocol ?? (typeof port.port === 'number' ? 'TCP' : '')} ${port.port}`.trim();
  const invalid = network.invalidPolicies.map((entry) => `${entry.policy.ref.namespace ?? ''}/${entry.policy.ref.name} (${entry.policy.location.file}:${entry.policy.location.line}) is invalid and left out: ${entry.problems.join('; ')}`);
  if (flags.format === 'json') {
    const json = {
      from: { spec: from.spec, label: from.label },
      to: { spec: to.spec, label: to.label },
      port: port ?? null,
      allowed: verdict.allowed,
      ports: verdict.allowed ? formatPorts(verdict.ports) : '',
      decisions,
      notes: [...verdict.notes, ...invalid],
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  let text = `${from.label} → ${to.label} (${portText}): ${verdict.allowed ? 'ALLOWED' : 'DENIED'}\n`;
  if (verdict.allowed && port === undefined) text += `  on ${formatPorts(verdict.ports)}\n`;
  for (const decision of decisions) text += `  ${decision.text}\n`;
  for (const note of [...verdict.notes, ...invalid]) text += `  note: ${note}\n`;
  io.stdout.write(text);
  return 0;
}
