/** `kubethreat scan`: load, analyse, render, and decide the exit code. */
import path from 'node:path';
import { analyze, summarize } from '../engine/analyze.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { ThreatModel } from '../engine/threat-model.js';
import type { KubethreatConfig } from '../config/types.js';
import { formatProblem } from '../load/problems.js';
import { findRule } from '../rules/index.js';
import { atLeast, isSeverity, type Severity } from '../taxonomy/index.js';
import { reportChunks, REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { writeReport } from './write-report.js';
import { checkKubernetesVersionFlag, checkPssVersionFlag } from './version-flags.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { toolVersion } from './version.js';
import type { ClusterFlags } from './cluster-input.js';
import { loadCliInput } from './load-input.js';
import { configAnalysisOptions, loadConfig } from './config.js';
import { recordTimings, timed, timedAsync } from '../engine/timings.js';
import { CollectionBetweenPhases, collectLargeHeap } from './node-flags.js';

/** The flags that shape the analysis itself; `scan` and `diff` share them. Unset ones fall back to the config file. */
export interface AnalysisFlags extends ClusterFlags {
  rule: string[];
  skipRule: string[];
  namespace?: string;
  pssVersion?: string;
  /** The cluster's Kubernetes version (v1.N): selects the default RBAC policy. */
  kubernetesVersion?: string;
  clusterName?: string;
  includePlatform?: boolean;
  /** --config FILE; false for --no-config. */
  config?: string | false;
}

export interface ScanFlags extends AnalysisFlags {
  format: string;
  output?: string;
  failOn?: string;
  minSeverity?: string;
  color?: boolean;
}

export async function runScan(paths: string[], flags: ScanFlags, io: CliIo, now: () => Date): Promise<number> {
  const format = flags.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown format "${flags.format}": use one of ${REPORT_FORMATS.join(', ')}`);
  if (io.env.KUBETHREAT_TIMINGS) {
    recordTimings((phase, ms) => io.stderr.write(`kubethreat timing: ${ms.toFixed(0).padStart(6)} ms  ${phase}  (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)\n`));
  }
  const config = await loadConfig(flags.config, io);
  const failOn = parseSeverityFlag('--fail-on', flags.failOn ?? config?.defaults.failOn ?? 'high', true);
  const minSeverity = parseSeverityFlag('--min-severity', flags.minSeverity ?? config?.defaults.minSeverity ?? 'info', false) ?? 'info';
  const { model, live } = await scanModel(paths, flags, config, io, now);
  timed('release the analysis', collectLargeHeap);
  const shown = filterBySeverity(model, minSeverity);
  const color = flags.color ?? (!flags.output && io.stdout.isTTY === true && !io.env.NO_COLOR);
  const to = flags.output === undefined ? io.stdout : path.resolve(io.cwd, flags.output);
  // Formats that are not streamed render whole in reportChunks: the phase's time includes it.
  await timedAsync('render and write', async () => writeReport(await reportChunks(shown, format, { color }), to)).catch((error: unknown) => {
    // The file cannot be written (no such directory, no permission, a full disk): the user's to mend, not a bug.
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (flags.output !== undefined && typeof code === 'string' && syscall !== undefined) throw new UsageError(`cannot write the report to ${flags.output}: ${systemErrorText(error as Error)}`);
    throw error;
  });
  if (flags.output || format !== 'terminal') {
    // The terminal report lists problems itself; other formats carry them inside, and people still need to see them,
    // including what a live cluster did not let kubethreat read (coverage gaps are warnings).
    const shownOnStderr = (severity: string): boolean => severity === 'error' || (live && severity === 'warning');
    for (const problem of model.problems.filter((entry) => shownOnStderr(entry.severity))) io.stderr.write(`kubethreat: ${formatProblem(problem)}\n`);
  }
  // Accepted findings are not in model.findings: an accepted risk never fails the run, an expired acceptance does.
  if (failOn && model.findings.some((finding) => atLeast(finding.severity, failOn))) return EXIT.findings;
  return EXIT.ok;
}

/** Loads and analyses the inputs as `scan` does; `diff` scans both of its sides through here, with the same flags. */
export async function scanModel(paths: string[], flags: AnalysisFlags, config: KubethreatConfig | undefined, io: CliIo, now: () => Date): Promise<{ model: ThreatModel; live: boolean }> {
  const options = analysisOptions(flags, config);
  const between = new CollectionBetweenPhases();
  try {
    const { loaded, live } = await timedAsync('load', () => loadCliInput(paths, flags, io));
    const model = timed('analyze', () =>
      analyze({
        objects: loaded.objects,
        options,
        now: now(),
        toolVersion: toolVersion(),
        files: loaded.files,
        problems: loaded.problems,
        ...(loaded.kubernetesVersions ? { kubernetesVersions: loaded.kubernetesVersions } : {}),
        locate: (source, fieldPath) => loaded.locator.locate(source, fieldPath),
        afterRules: () => timed('collect after the rules', () => between.collect()),
      }),
    );
    return { model, live };
  } finally {
    between.stop();
  }
}

/** Flags first, then the config file's defaults, then kubethreat's. */
function analysisOptions(flags: AnalysisFlags, config: KubethreatConfig | undefined): Partial<AnalysisOptions> {
  for (const id of [...flags.rule, ...flags.skipRule]) {
    if (!findRule(id)) throw new UsageError(`unknown rule "${id}": "kubethreat rules" lists them`);
  }
  const pssVersion = flags.pssVersion ?? config?.defaults.pssVersion ?? 'latest';
  checkPssVersionFlag(pssVersion);
  checkKubernetesVersionFlag(flags.kubernetesVersion);
  const defaultKubernetesVersion = config?.defaults.kubernetesVersion;
  const decided = configAnalysisOptions(config, flags.rule);
  return {
    defaultNamespace: flags.namespace ?? config?.defaults.namespace ?? 'default',
    onlyRules: flags.rule,
    fixes: false, // no report shows them (kubethreat fix makes its own analysis)
    skipRules: [...flags.skipRule, ...decided.skipRules],
    pssVersion,
    includePlatform: flags.includePlatform === true,
    ...(flags.kubernetesVersion !== undefined ? { kubernetesVersion: flags.kubernetesVersion } : {}),
    ...(defaultKubernetesVersion !== undefined ? { defaultKubernetesVersion } : {}),
    acceptances: decided.acceptances,
    severityOverrides: decided.severityOverrides,
  };
}

function parseSeverityFlag(flag: string, value: string, allowNone: boolean): Severity | undefined {
  if (allowNone && value === 'none') return undefined;
  if (!isSeverity(value)) throw new UsageError(`invalid ${flag} "${value}": use info, low, medium, high or critical${allowNone ? ' (or none)' : ''}`);
  return value;
}

function filterBySeverity(model: ThreatModel, minimum: Severity): ThreatModel {
  if (minimum === 'info') return model;
  const findings = model.findings.filter((finding) => atLeast(finding.severity, minimum));
  const accepted = model.accepted?.filter((finding) => atLeast(finding.severity, minimum));
  return { ...model, findings, summary: summarize(findings), ...(accepted ? { accepted } : {}) };
}

/** A system error's message without the call and path Node adds: "ENOENT: no such file or directory". */
function systemErrorText(error: Error): string {
  return error.message.replace(/, (open|write|close) .*$|, (open|write|close)$/, '');
}
