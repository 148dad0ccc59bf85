/**
 * `kubethreat who-can VERB RESOURCE[/SUBRESOURCE] [-n NAMESPACE] [--name NAME] PATHS…`: every subject the
 * estate's RBAC lets make the request, each with the chains that allow it. RESOURCE is written as kubectl writes it:
 * `pods`, `pods/exec`, `deployments.apps`, or a non-resource URL such as `/metrics`. Without -n the question is
 * "in any namespace", and each chain says where it applies.
 */
import { formatSubject } from '../rbac/subject.js';
import type { WhoCanEntry } from '../rbac/rbac-index.js';
import { ANY_NAMESPACE, type Grant, type RbacRequest, type ResourceRequest } from '../rbac/types.js';
import { defaultGroupOf, isClusterScoped } from '../rbac/resources.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import type { ClusterFlags } from './cluster-input.js';
import { loadCliInput } from './load-input.js';
import { checkKubernetesVersionFlag } from './version-flags.js';
import { RBAC_OUTPUT_FORMATS, chainOf, chainText, clusterHeading, clustersOf, type Chain, type RbacFlags } from './rbac-chain.js';

export interface WhoCanFlags extends ClusterFlags, RbacFlags {
  namespace?: string;
  name?: string;
}

export async function runWhoCan(verb: string, resource: string, paths: string[], flags: WhoCanFlags, io: CliIo): Promise<number> {
  if (!(RBAC_OUTPUT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}": use text or json`);
  const request = parseRequest(verb, resource, flags);
  checkKubernetesVersionFlag(flags.kubernetesVersion);
  const { loaded } = await loadCliInput(paths, flags, io);
  const clusters = clustersOf(loaded, flags.kubernetesVersion);
  const locate = loaded.locator.locate.bind(loaded.locator);
  const answers = clusters.map((rbac) => ({ rbac, subjects: bySubject(rbac.index.grantsAllowing(request).map((grant) => chainOf(grant, rbac, locate)), rbac.index.whoCan(request)) }));
  if (flags.format === 'json') {
    const json = {
      question: describeRequest(request),
      clusters: answers.map(({ rbac, subjects }) => ({ ...(rbac.cluster !== undefined ? { cluster: rbac.cluster } : {}), defaultPolicy: rbac.index.defaultPolicy, subjects })),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  let text = `Who can ${describeRequest(request).text}?\n`;
  for (const { rbac, subjects } of answers) {
    text += `\n${clusterHeading(rbac, clusters)}`;
    const own = subjects.filter((entry) => !entry.platform);
    const platform = subjects.filter((entry) => entry.platform);
    text += own.length === 0 ? 'No subject of the input: no binding of yours allows it.\n' : own.map(subjectText).join('');
    if (platform.length > 0) text += `\nThe cluster's own components (bootstrap policy, system components):\n${platform.map(subjectText).join('')}`;
    if (rbac.index.defaultPolicy !== undefined) text += `\nRoles and bindings marked ${rbac.index.defaultPolicy} are the cluster's bootstrap policy, which every cluster has.\n`;
  }
  io.stdout.write(text);
  return 0;
}

function subjectText(entry: SubjectAnswer): string {
  let text = `${entry.subject}\n`;
  for (const chain of entry.chains) text += `  ${chain.scope}: ${chainText(chain)}\n`;
  if (entry.members.length > 0) text += `  includes ${listed(entry.members, 8)}\n`;
  return text;
}

interface SubjectAnswer {
  subject: string;
  /** Every chain is the platform's own (bootstrap policy, system components). */
  platform: boolean;
  chains: Chain[];
  /** For groups: the subjects known to the input that are in the group, and so may too. */
  members: string[];
}

/** The subjects bindings name, each with its chains; groups list their known members. */
function bySubject(chains: readonly Chain[], expanded: readonly WhoCanEntry[]): SubjectAnswer[] {
  const answers = new Map<string, SubjectAnswer>();
  for (const chain of chains) {
    const answer = answers.get(chain.subject) ?? { subject: chain.subject, platform: true, chains: [], members: [] };
    answer.chains.push(chain);
    answer.platform &&= chain.platform;
    answers.set(chain.subject, answer);
  }
  for (const entry of expanded) {
    const member = formatSubject(entry.subject);
    for (const grantSubject of new Set(entry.grants.map((grant: Grant) => formatSubject(grant.subject)))) {
      if (grantSubject === member) continue;
      const answer = answers.get(grantSubject);
      if (answer !== undefined && !answer.members.includes(member)) answer.members.push(member);
    }
  }
  // Named subjects first as the engine sorts them: service accounts, users, groups.
  const order = new Map(expanded.map((entry, index) => [formatSubject(entry.subject), index]));
  return [...answers.values()].sort((a, b) => (order.get(a.subject) ?? 0) - (order.get(b.subject) ?? 0));
}

export function parseRequest(verb: string, resource: string, flags: { namespace?: string; name?: string }): RbacRequest {
  if (verb.trim() === '') throw new UsageError('give a verb, e.g. get, create, delete, impersonate');
  if (resource.startsWith('/')) return { verb, nonResourceURL: resource };
  const slash = resource.indexOf('/');
  const base = slash < 0 ? resource : resource.slice(0, slash);
  const subresource = slash < 0 ? undefined : resource.slice(slash + 1);
  const dot = base.indexOf('.');
  const name = dot < 0 ? base : base.slice(0, dot);
  if (name === '' || subresource === '') throw new UsageError(`cannot read resource "${resource}": write it as kubectl does, e.g. pods, pods/exec, deployments.apps`);
  const request: ResourceRequest = { verb, resource: name, group: dot < 0 ? defaultGroupOf(name) : base.slice(dot + 1), namespace: flags.namespace ?? ANY_NAMESPACE };
  if (subresource !== undefined) request.subresource = subresource;
  if (flags.name !== undefined) request.name = flags.name;
  return request;
}

function describeRequest(request: RbacRequest): { text: string; verb: string; resource?: string; group?: string; subresource?: string; namespace?: string; name?: string; nonResourceURL?: string } {
  if ('nonResourceURL' in request) return { text: `${request.verb} ${request.nonResourceURL}`, verb: request.verb, nonResourceURL: request.nonResourceURL };
  const group = request.group ?? '';
  const resource = `${request.resource}${group === '' ? '' : `.${group}`}${request.subresource ? `/${request.subresource}` : ''}`;
  const clusterScoped = isClusterScoped(group, request.resource) && request.resource !== 'namespaces';
  const where = clusterScoped ? '' : request.namespace === ANY_NAMESPACE ? ' in any namespace' : ` in namespace ${request.namespace}`;
  const text = `${request.verb} ${resource}${request.name ? ` named ${request.name}` : ''}${where}`;
  const described: ReturnType<typeof describeRequest> = { text, verb: request.verb, resource: request.resource, group };
  if (request.subresource !== undefined) described.subresource = request.subresource;
  if (request.namespace !== undefined) described.namespace = request.namespace;
  if (request.name !== undefined) described.name = request.name;
  return described;
}

function listed(items: readonly string[], shown: number): string {
  return items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
