/**
 * `kubethreat can SUBJECT PATHS…`: everything the estate's RBAC lets one subject do, through its own bindings and
 * the groups it is in, grouped by what it is worth to an attacker (cluster takeover, secrets, workload control,
 * read-only, other), each grant with the chain that gives it.
 * SUBJECT: system:serviceaccount:NS:NAME, user:NAME or group:NAME.
 */
import { riskOf } from '../rbac/risk.js';
import { formatSubject, impliedGroups, parseSubject } from '../rbac/subject.js';
import { RISKS, type Risk } from '../rbac/types.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import type { ClusterFlags } from './cluster-input.js';
import { loadCliInput } from './load-input.js';
import { checkKubernetesVersionFlag } from './version-flags.js';
import { RBAC_OUTPUT_FORMATS, chainOf, chainText, clusterHeading, clustersOf, ruleText, type Chain, type RbacFlags } from './rbac-chain.js';

export type CanFlags = ClusterFlags & RbacFlags;

const RISK_HEADINGS: Record<Risk, string> = {
  'cluster-takeover': 'Cluster takeover',
  secrets: 'Secrets',
  'workload-control': 'Workload control',
  'read-only': 'Read-only',
  other: 'Other',
};

export async function runCan(subjectText: string, paths: string[], flags: CanFlags, io: CliIo): Promise<number> {
  if (!(RBAC_OUTPUT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}": use text or json`);
  const subject = parseSubject(subjectText);
  if (subject === undefined) throw new UsageError(`cannot read subject "${subjectText}": write system:serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME`);
  checkKubernetesVersionFlag(flags.kubernetesVersion);
  const { loaded } = await loadCliInput(paths, flags, io);
  const clusters = clustersOf(loaded, flags.kubernetesVersion);
  const locate = loaded.locator.locate.bind(loaded.locator);
  const answers = clusters.map((rbac) => {
    const byRisk = Object.fromEntries(RISKS.map((risk) => [risk, [] as Chain[]])) as Record<Risk, Chain[]>;
    for (const grant of rbac.index.grantsFor(subject)) byRisk[riskOf(grant)].push(chainOf(grant, rbac, locate));
    return { rbac, byRisk };
  });
  const groups = impliedGroups(subject);
  if (flags.format === 'json') {
    const json = {
      subject: formatSubject(subject),
      groups,
      clusters: answers.map(({ rbac, byRisk }) => ({ ...(rbac.cluster !== undefined ? { cluster: rbac.cluster } : {}), defaultPolicy: rbac.index.defaultPolicy, risks: byRisk })),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  let text = `What can ${formatSubject(subject)} do?\n`;
  if (groups.length > 0) text += `It is in ${groups.join(', ')}, and gets what they are granted too.\n`;
  for (const { rbac, byRisk } of answers) {
    text += `\n${clusterHeading(rbac, clusters)}`;
    // What the bootstrap policy gives every identity through its groups (discovery, self reviews) is the same for
    // all: counted on one line, listed in the JSON output.
    const everyone = (chain: Chain): boolean => chain.binding.default && chain.subject.startsWith('group:') && chain.bypass === undefined;
    let common = 0;
    for (const risk of RISKS) {
      const chains = byRisk[risk].filter((chain) => !everyone(chain));
      common += byRisk[risk].length - chains.length;
      if (chains.length === 0) continue;
      text += `${RISK_HEADINGS[risk]}\n`;
      for (const chain of chains) {
        text += `  ${ruleText(chain.rule)} ${chain.scope === 'cluster-wide' ? 'cluster-wide' : `in ${chain.scope}`}${chain.subject === formatSubject(subject) ? '' : ` (as ${chain.subject})`}\n`;
        text += `    ${chainText(chain)}\n`;
      }
    }
    if (RISKS.every((risk) => byRisk[risk].every(everyone))) text += 'Nothing of its own: no binding names it, and its groups get only what every identity has.\n';
    if (common > 0) text += `\nAnd ${common} grants of the bootstrap policy that every identity in its groups has (discovery, self reviews, public info); --format json lists them.\n`;
    if (rbac.index.defaultPolicy !== undefined) text += `\nRoles and bindings marked ${rbac.index.defaultPolicy} are the cluster's bootstrap policy, which every cluster has.\n`;
  }
  io.stdout.write(text);
  return 0;
}
