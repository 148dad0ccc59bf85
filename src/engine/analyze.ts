/**
 * The core: (objects, options, now) → ThreatModel. Pure: no files, no clock, no environment, no printing. Each
 * cluster the objects name is analysed as an estate of its own, and the analyses merged (merge-clusters.ts).
 */
import type { K8sObject } from '../model/object.js';
import { buildEstate } from '../model/estate.js';
import type { InputProblem } from '../load/problems.js';
import { BOUNDARIES, SEVERITIES, type Boundary, type Severity } from '../taxonomy/index.js';
import { RULE_LIST } from '../rules/index.js';
import type { Rule } from '../rules/define-rule.js';
import { controlsMatrix } from '../boundaries/controls.js';
import { unknownResources } from '../rules/absence.js';
import { analyzeAttacks } from '../graph/index.js';
import { populatedNamespaceMatrix } from '../network/estate-network.js';
import { settleFindings } from '../config/settle.js';
import type { Finding } from './finding.js';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './options.js';
import { compareText, locateObjectOnly, rulesWithEvidence, runRules, selectRules, type Locate } from './run-rules.js';
import { timed } from './timings.js';
import { workloadSummaries } from './workload-summaries.js';
import { mergeClusterAnalyses, objectsByCluster, type EstateAnalysis } from './merge-clusters.js';
import { SCHEMA_VERSION, type KubernetesVersionUsed, type Summary, type ThreatModel } from './threat-model.js';
import { kubernetesMinorOf } from '../model/kubernetes-version.js';
import { LATEST_POLICY_MINOR } from '../admission/pss/index.js';

export interface AnalysisInput {
  objects: readonly K8sObject[];
  options?: Partial<AnalysisOptions>;
  /** The time of the run, given by the caller (the core never reads the clock). */
  now: Date;
  toolVersion: string;
  files?: string[];
  /** Problems found while loading, reported with the model's own. */
  problems?: readonly InputProblem[];
  locate?: Locate;
  rules?: readonly Rule[];
  /**
   * The Kubernetes version of each named cluster, as its API server reported it (LoadResult.kubernetesVersions). Each
   * cluster is analysed at its own version, unless options.kubernetesVersion (the user's flag) names one for all.
   */
  kubernetesVersions?: ReadonlyMap<string, string>;
  /** Called when the rules of an estate are done, before its attack graph: the CLI collects garbage there (collectLargeHeap). */
  afterRules?: () => void;
}

/** As many attack paths as a model shows, of one cluster or of all of them together. */
const MAX_ATTACK_PATHS = 10;

export function analyze(input: AnalysisInput): ThreatModel {
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...input.options };
  const groups = objectsByCluster(input.objects);
  const problems = input.problems ?? [];
  // A problem of one cluster of several (InputProblem.cluster) bears on that cluster alone; any other on all of them.
  const several = groups.length > 1;
  const { rules: supported, notices: unrunRules } = rulesWithEvidence(selectRules(input.rules ?? RULE_LIST, options), several ? problems.filter((problem) => problem.cluster === undefined) : problems);
  const ran = new Set<string>();
  // Clusters share nothing: each one is analysed as an estate of its own (merge-clusters.ts), with the rules its own
  // input supports (a resource one cluster refused to list silences that cluster's absence rules, not another's).
  const analyses = groups.map(({ cluster, objects }) => {
    const own = several ? rulesWithEvidence(supported, problems.filter((problem) => problem.cluster !== undefined && problem.cluster === cluster), cluster) : { rules: supported, notices: [] };
    for (const rule of own.rules) ran.add(rule.id);
    unrunRules.push(...own.notices);
    return analyzeEstate(objects, cluster, own.rules, estateOptions(options, cluster, input.kubernetesVersions), input);
  });
  const versions = versionsUsed(groups.map(({ cluster }) => cluster), options, input.kubernetesVersions);
  const rules = supported.filter((rule) => ran.has(rule.id));
  const analysis = analyses.length === 1 ? analyses[0] : mergeClusterAnalyses(analyses, MAX_ATTACK_PATHS);
  const { reported, hidden } = analysis;

  // What the team decided: severity overrides and accepted risks. Accepted findings leave `findings` but stay facts:
  // node escapes, workload counts (and the attack graph) are computed from every finding. Decided once for all
  // clusters: an accepted risk in the config file that matches a finding of one cluster is not stale in another.
  const settled = timed('settle', () => settleFindings(reported, {
    objects: analysis.objects,
    options,
    now: input.now,
    locate: input.locate ?? locateObjectOnly,
    catalogue: new Set((input.rules ?? RULE_LIST).map((rule) => rule.id)),
    ran: new Set(rules.map((rule) => rule.id)),
    hidden,
  }));

  const clusters = analyses.map((entry) => entry.cluster).filter((name): name is string => name !== undefined).sort();
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'kubethreat', version: input.toolVersion },
    generatedAt: input.now.toISOString(),
    scope: {
      files: [...(input.files ?? [])],
      objects: analysis.objects.length,
      workloads: analysis.workloads.length,
      namespaces: analysis.namespaces,
      clusters,
      ...(versions.length > 0 ? { kubernetesVersions: versions } : {}),
      defaultNamespace: options.defaultNamespace,
    },
    problems: [...(input.problems ?? []), ...unrunRules, ...versionNotices(versions), ...analysis.problems, ...settled.problems],
    rules: rules.map((rule) => rule.id).sort(),
    controls: analysis.controls,
    workloads: analysis.workloads,
    nodeBoundary: { pools: analysis.pools },
    findings: settled.open,
    summary: timed('summary', () => summarize(settled.open)),
    accepted: settled.accepted,
    platform: { hidden: hidden.length, byRule: summarize(hidden).byRule },
    ...(analysis.attack ? { attackPaths: analysis.attack.attackPaths, attackGraph: analysis.attack.summary } : {}),
    ...(analysis.namespaceMatrix ? { network: { namespaceMatrix: analysis.namespaceMatrix } } : {}),
  };
}

/**
 * The Kubernetes version a cluster is analysed at, and where it comes from: the version the user named for all, else
 * its own API server's, else the config file's default; undefined when none says.
 */
function clusterVersion(options: AnalysisOptions, cluster: string | undefined, versions: ReadonlyMap<string, string> | undefined): KubernetesVersionUsed | undefined {
  const named = cluster !== undefined ? { cluster } : {};
  if (options.kubernetesVersion !== undefined) return { ...named, version: options.kubernetesVersion, from: 'flag' };
  const reported = cluster === undefined ? undefined : versions?.get(cluster);
  if (reported !== undefined) return { ...named, version: reported, from: 'server' };
  if (options.defaultKubernetesVersion !== undefined) return { ...named, version: options.defaultKubernetesVersion, from: 'config' };
  return undefined;
}

/** The options of one cluster's analysis: at its Kubernetes version (clusterVersion). */
function estateOptions(options: AnalysisOptions, cluster: string | undefined, versions: ReadonlyMap<string, string> | undefined): AnalysisOptions {
  const used = clusterVersion(options, cluster, versions);
  return used === undefined || used.version === options.kubernetesVersion ? options : { ...options, kubernetesVersion: used.version };
}

/** The Kubernetes version each cluster was analysed at, and where it came from; none when nothing said. */
function versionsUsed(clusters: ReadonlyArray<string | undefined>, options: AnalysisOptions, versions: ReadonlyMap<string, string> | undefined): KubernetesVersionUsed[] {
  const used = clusters.map((cluster) => clusterVersion(options, cluster, versions)).filter((entry): entry is KubernetesVersionUsed => entry !== undefined);
  return used.sort((a, b) => compareText(a.cluster ?? '', b.cluster ?? ''));
}

/** A cluster newer than the Pod Security checks kubethreat mirrors is judged by the newest ones it has: say so. */
function versionNotices(versions: readonly KubernetesVersionUsed[]): InputProblem[] {
  return versions
    .filter((used) => (kubernetesMinorOf(used.version) ?? 0) > LATEST_POLICY_MINOR)
    .map((used) => ({
      severity: 'notice',
      file: used.cluster !== undefined ? `<cluster ${used.cluster}>` : used.from === 'config' ? 'kubernetesVersion in the config file' : '--kubernetes-version',
      message: `Kubernetes ${used.version} is newer than the Pod Security Standards this kubethreat knows (v1.${LATEST_POLICY_MINOR}): pods are judged by v1.${LATEST_POLICY_MINOR}'s checks, and controls added since are not evaluated`,
      hint: 'update kubethreat',
      ...(used.cluster !== undefined ? { cluster: used.cluster } : {}),
    }));
}

/** The analysis of one estate: one cluster's objects, or all of an input that names no more than one cluster. */
function analyzeEstate(objects: readonly K8sObject[], cluster: string | undefined, rules: readonly Rule[], options: AnalysisOptions, input: AnalysisInput): EstateAnalysis {
  const estate = timed('estate', () => buildEstate(objects, { defaultNamespace: options.defaultNamespace }));
  const allFindings = timed('rules', () => runRules(estate, rules, options, input.locate ?? locateObjectOnly, input.now));
  input.afterRules?.();
  const reported = options.includePlatform ? allFindings : allFindings.filter((finding) => !finding.platform);
  const hidden = allFindings.filter((finding) => finding.platform && !options.includePlatform);
  // The attack graph sees every finding (an escape is an escape whoever owns the pod) and gives each reported one a risk.
  const attack =
    options.attackGraph === false
      ? undefined
      : timed('attack graph', () => analyzeAttacks({ estate, findings: allFindings, reported, options, ranRules: rules, now: input.now, maxPaths: MAX_ATTACK_PATHS, ...(input.locate ? { locate: input.locate } : {}) }));
  // The findings are this analysis's own objects: the risk is set on them rather than on copies.
  // attack.risks[i] is the risk of reported[i].
  if (attack) for (let index = 0; index < reported.length; index++) reported[index].risk = attack.risks[index];

  const { workloads, pools } = timed('workload summaries', () => workloadSummaries(estate, allFindings, options));
  const namespaceMatrix = timed('namespace matrix', () => populatedNamespaceMatrix(estate));
  return {
    cluster,
    objects: estate.objects,
    namespaces: [...estate.namespaces.keys()],
    problems: estate.problems,
    reported,
    hidden,
    workloads,
    pools: [...pools.values()].sort((a, b) => compareText(a.name, b.name)),
    controls: timed('controls matrix', () => controlsMatrix(estate, workloads, unknownResources((input.problems ?? []).filter((problem) => problem.cluster === undefined || problem.cluster === cluster)))),
    ...(attack ? { attack: { attackPaths: attack.attackPaths, summary: attack.summary } } : {}),
    ...(namespaceMatrix ? { namespaceMatrix } : {}),
  };
}

export function summarize(findings: readonly Finding[]): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const byBoundary = Object.fromEntries(BOUNDARIES.map((boundary) => [boundary, 0])) as Record<Boundary, number>;
  const byRule: Record<string, number> = {};
  let highest: Severity | null = null;
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    byBoundary[finding.boundary]++;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    if (highest === null || SEVERITIES.indexOf(finding.severity) > SEVERITIES.indexOf(highest)) highest = finding.severity;
  }
  const sortedByRule = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => compareText(a, b)));
  return { total: findings.length, bySeverity, byBoundary, byRule: sortedByRule, highest };
}
