/**
 * The core: (objects, options, now) → ThreatModel. Pure: no files, no clock, no environment, no printing.
 */
import type { K8sObject } from '../model/object.js';
import { buildEstate } from '../model/estate.js';
import type { InputProblem } from '../load/problems.js';
import { BOUNDARIES, SEVERITIES, type Boundary, type Severity } from '../taxonomy/index.js';
import { RULE_LIST } from '../rules/index.js';
import type { Rule } from '../rules/define-rule.js';
import { controlsMatrix } from '../boundaries/controls.js';
import { analyzeAttacks } from '../graph/index.js';
import { populatedNamespaceMatrix } from '../network/estate-network.js';
import { settleFindings } from '../config/settle.js';
import type { Finding } from './finding.js';
import { DEFAULT_OPTIONS, type AnalysisOptions } from './options.js';
import { locateObjectOnly, rulesWithEvidence, runRules, selectRules, type Locate } from './run-rules.js';
import { timed } from './timings.js';
import { workloadSummaries } from './workload-summaries.js';
import { SCHEMA_VERSION, type Summary, type ThreatModel } from './threat-model.js';

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
}

export function analyze(input: AnalysisInput): ThreatModel {
  const options: AnalysisOptions = { ...DEFAULT_OPTIONS, ...input.options };
  const estate = timed('estate', () => buildEstate(input.objects, { defaultNamespace: options.defaultNamespace }));
  const { rules, notices: unrunRules } = rulesWithEvidence(selectRules(input.rules ?? RULE_LIST, options), input.problems ?? []);
  const allFindings = timed('rules', () => runRules(estate, rules, options, input.locate ?? locateObjectOnly, input.now));
  const reported = options.includePlatform ? allFindings : allFindings.filter((finding) => !finding.platform);
  const hidden = allFindings.filter((finding) => finding.platform && !options.includePlatform);
  // The attack graph sees every finding (an escape is an escape whoever owns the pod) and gives each reported one a risk.
  const attack =
    options.attackGraph === false ? undefined : timed('attack graph', () => analyzeAttacks({ estate, findings: allFindings, reported, options, ranRules: rules, now: input.now, ...(input.locate ? { locate: input.locate } : {}) }));
  // The findings are this analysis's own objects: the risk is set on them rather than on copies.
  const findings = reported;
  // attack.risks[i] is the risk of reported[i].
  if (attack) for (let index = 0; index < findings.length; index++) findings[index].risk = attack.risks[index];

  // What the team decided: severity overrides and accepted risks. Accepted findings leave `findings` but stay facts:
  // node escapes, workload counts (and the attack graph) are computed from every finding.
  const settled = timed('settle', () => settleFindings(findings, {
    objects: estate.objects,
    options,
    now: input.now,
    locate: input.locate ?? locateObjectOnly,
    catalogue: new Set((input.rules ?? RULE_LIST).map((rule) => rule.id)),
    ran: new Set(rules.map((rule) => rule.id)),
    hidden,
  }));

  const { workloads, pools } = timed('workload summaries', () => workloadSummaries(estate, allFindings, options));

  const namespaceMatrix = timed('namespace matrix', () => populatedNamespaceMatrix(estate));
  const clusters = [...new Set(estate.objects.map((object) => object.source.cluster).filter((name): name is string => name !== undefined))].sort();
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'kubethreat', version: input.toolVersion },
    generatedAt: input.now.toISOString(),
    scope: {
      files: [...(input.files ?? [])],
      objects: estate.objects.length,
      workloads: workloads.length,
      namespaces: [...estate.namespaces.keys()],
      clusters,
      defaultNamespace: options.defaultNamespace,
    },
    problems: [...(input.problems ?? []), ...unrunRules, ...estate.problems, ...settled.problems],
    rules: rules.map((rule) => rule.id).sort(),
    controls: timed('controls matrix', () => controlsMatrix(estate, workloads)),
    workloads,
    nodeBoundary: { pools: [...pools.values()].sort((a, b) => compare(a.name, b.name)) },
    findings: settled.open,
    summary: timed('summary', () => summarize(settled.open)),
    accepted: settled.accepted,
    platform: { hidden: hidden.length, byRule: summarize(hidden).byRule },
    ...(attack ? { attackPaths: attack.attackPaths, attackGraph: attack.summary } : {}),
    ...(namespaceMatrix ? { network: { namespaceMatrix } } : {}),
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
  const sortedByRule = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => compare(a, b)));
  return { total: findings.length, bySeverity, byBoundary, byRule: sortedByRule, highest };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
