/**
 * `kubethreat paths PATHS… [--from X] [--to Y] [--max N] [--format text|json|dot|mermaid] [--graph]`: the most
 * likely attack paths from entry points (or the positions --from names) to crown jewels (or the --to positions),
 * with every step's technique, evidence and file:line; the blast radius of a single --from position; the paths, or
 * with --graph the whole attack graph, as DOT or Mermaid.
 */
import type { K8sObject } from '../model/object.js';
import { clusterLabel, objectsByCluster } from '../engine/merge-clusters.js';
import { Option, type Command } from 'commander';
import type { AttackPath } from '../engine/threat-model.js';
import {
  attackGraphOfObjects,
  blastRadius,
  diagramOfGraph,
  diagramOfPaths,
  isCrownJewelSpec,
  renderDot,
  renderMermaid,
  renderPathsText,
  resolveNodes,
  resolveTargets,
  summarizeGraph,
  topPaths,
  type AttackGraph,
  type BlastRadius,
} from '../graph/index.js';
import type { ClusterFlags } from './cluster-input.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { loadCliInput } from './load-input.js';
import { checkKubernetesVersionFlag } from './version-flags.js';

export const PATHS_FORMATS = ['text', 'json', 'dot', 'mermaid'] as const;

export interface PathsFlags extends ClusterFlags {
  from: string[];
  to: string[];
  max: string;
  format: string;
  graph?: boolean;
  jewel: string[];
  namespace: string;
  kubernetesVersion?: string;
  /** Of an input that describes several clusters (several contexts, a snapshot of them), the one to trace. */
  onlyCluster?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerPathsCommand(program: Command, io: CliIo, now: () => Date, setExitCode: (code: number) => void): void {
  program
    .command('paths')
    .description('the most likely attack paths from entry points to crown jewels, every step with its technique and evidence')
    .argument('[paths...]', 'files and folders to read; - reads standard input')
    .option('--from <position>', 'start here: internet, anonymous, authenticated, credentials, any-workload, Deployment/NS/NAME, ServiceAccount/NS/NAME, a node id (repeatable)', collect, [])
    .option('--to <position>', 'end here: cluster-admin, kube-system, node, secrets, cloud, a node id or name (repeatable)', collect, [])
    .option('--max <n>', 'how many paths to show', '10')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...PATHS_FORMATS]).default('text'))
    .option('--graph', 'with --format dot or mermaid: draw the whole attack graph instead of the paths')
    .option('--jewel <spec>', 'a crown jewel of yours: namespace:NAME, label:KEY=VALUE or secret:NAMESPACE/NAME (repeatable)', collect, [])
    .option('-n, --namespace <name>', 'namespace of objects that name none (as kubectl)', 'default')
    .option('--kubernetes-version <version>', "the cluster's version (v1.N): the default RBAC policy and what Pod Security's latest means follow it (default: what a live cluster's API server reports)")
    .option('--cluster', "read the live cluster of the kubeconfig's current context (read-only) instead of files")
    .option('--context <name>', 'read the cluster of this kubeconfig context (repeatable; implies --cluster)', collect, [])
    .option('--kubeconfig <file>', 'kubeconfig to use (implies --cluster)')
    .option('--include-namespace <name>', 'of a live cluster, read this namespace only (repeatable), for an identity whose rights are bound in some namespaces; implies --cluster', collect, [])
    .option('--cluster-name <name>', 'name of the cluster these inputs describe')
    .option('--only-cluster <name>', 'of an input that describes several clusters, trace the paths of this one')
    .action(async (paths: string[], flags: PathsFlags) => {
      setExitCode(await runPaths(paths, flags, io, now));
    });
}

export async function runPaths(paths: string[], flags: PathsFlags, io: CliIo, now: () => Date): Promise<number> {
  const max = Number(flags.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError(`invalid --max "${flags.max}": use a whole number of 1 or more`);
  if (!(PATHS_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`unknown format "${flags.format}": use ${PATHS_FORMATS.join(', ')}`);
  checkKubernetesVersionFlag(flags.kubernetesVersion);
  for (const spec of flags.jewel) if (!isCrownJewelSpec(spec)) throw new UsageError(`invalid --jewel "${spec}": use namespace:NAME, label:KEY=VALUE or secret:NAMESPACE/NAME`);

  const { loaded } = await loadCliInput(paths, flags, io);
  // Clusters share nothing, so each has an attack graph of its own; positions such as cluster-admin or a node id exist
  // in each. One graph of several clusters would join their identities by name: ask for one cluster at a time.
  const clusters = objectsByCluster(loaded.objects);
  const names = clusters.map((group) => clusterLabel(group.cluster));
  let objects: readonly K8sObject[] = loaded.objects;
  let cluster = clusters.length === 1 ? clusters[0].cluster : undefined;
  if (flags.onlyCluster !== undefined) {
    const chosen = clusters.find((group) => clusterLabel(group.cluster) === flags.onlyCluster);
    if (chosen === undefined) throw new UsageError(`--only-cluster "${flags.onlyCluster}": the input describes ${names.length === 1 ? 'the cluster' : 'the clusters'} ${names.join(', ')}`);
    objects = chosen.objects;
    cluster = chosen.cluster;
  } else if (clusters.length > 1) {
    throw new UsageError(`the input describes several clusters (${names.join(', ')}), and attack paths are traced within one: choose it with --only-cluster NAME, or run "kubethreat scan", whose report gives the paths of every cluster`);
  }
  const locate = loaded.locator.locate.bind(loaded.locator);
  // The user's version, else the one the cluster's API server reported (a live read, or a snapshot of one).
  const kubernetesVersion = flags.kubernetesVersion ?? (cluster === undefined ? undefined : loaded.kubernetesVersions?.get(cluster));
  const graph = attackGraphOfObjects(
    objects,
    { defaultNamespace: flags.namespace, crownJewels: flags.jewel, ...(kubernetesVersion ? { kubernetesVersion } : {}) },
    now(),
    locate,
  );
  const from = flags.from.length > 0 ? resolveAll(graph, flags.from, '--from', resolveNodes) : undefined;
  const to = flags.to.length > 0 ? resolveAll(graph, flags.to, '--to', resolveTargets) : undefined;
  const found = topPaths(graph, { ...(from ? { from } : {}), ...(to ? { to } : {}), max }, locate);
  const radius = from?.length === 1 && !graph.nodes[from[0]].entry ? blastRadius(graph, from[0]) : undefined;

  switch (flags.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify({ graph: summarizeGraph(graph), paths: found, ...(radius ? { blastRadius: radiusJson(radius) } : {}) }, null, 2)}\n`);
      break;
    case 'dot':
      io.stdout.write(renderDot(flags.graph ? diagramOfGraph(graph) : diagramOfPaths(found)));
      break;
    case 'mermaid':
      io.stdout.write(renderMermaid(flags.graph ? diagramOfGraph(graph) : diagramOfPaths(found)));
      break;
    default:
      io.stdout.write(renderPathsText({ title: titleOf(graph, from, to, found), paths: found, summary: summarizeGraph(graph), ...(radius ? { blastRadius: radius } : {}) }));
  }
  return 0;
}

function resolveAll(graph: AttackGraph, texts: readonly string[], flag: string, resolve: (graph: AttackGraph, text: string) => number[]): number[] {
  const nodes = new Set<number>();
  for (const text of texts) {
    const found = resolve(graph, text);
    if (found.length === 0) {
      const hints = graph.nodes.filter((node) => node.entry || node.jewel).slice(0, 8).map((node) => node.id);
      throw new UsageError(`${flag} "${text}" names no position of the attack graph; for example: ${hints.join(', ')}`);
    }
    for (const node of found) nodes.add(node);
  }
  return [...nodes];
}

function titleOf(graph: AttackGraph, from: number[] | undefined, to: number[] | undefined, found: readonly AttackPath[]): string {
  const names = (nodes: number[] | undefined, fallback: string): string =>
    nodes === undefined ? fallback : nodes.length <= 3 ? nodes.map((node) => graph.nodes[node].label).join(', ') : `${nodes.length} positions`;
  return `Attack paths from ${names(from, 'every entry point')} to ${names(to, 'every crown jewel')}: ${found.length} shown, most likely first.`;
}

function radiusJson(radius: BlastRadius): Record<string, unknown> {
  return {
    from: radius.from.id,
    reachable: radius.reachable,
    byKind: radius.byKind,
    crownJewels: radius.jewels.map((jewel) => ({ id: jewel.node.id, label: jewel.node.label, steps: jewel.steps, likelihood: Math.round(jewel.likelihood * 10000) / 10000 })),
  };
}
