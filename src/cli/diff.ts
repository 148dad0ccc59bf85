/**
 * `kubethreat diff OLD NEW`: the threat-model diff for a pull request. Each side is a JSON report (`scan --format
 * json`) or manifests, scanned here with the same flags and config. --fail-on gates on new risk only: findings that
 * are new, reopened, or raised to the threshold; risk the base already carried does not fail the change.
 */
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KubethreatConfig } from '../config/types.js';
import { diffAtOrAbove, diffThreatModels, DIFF_FORMATS, gateFailures, isKubethreatReport, NotAReportError, readComparable, renderDiff, type ComparableReport, type DiffFormat } from '../diff/index.js';
import { formatProblem } from '../load/problems.js';
import { isSeverity, type Severity } from '../taxonomy/index.js';
import { loadConfig } from './config.js';
import { EXIT, InputError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { scanModel, type AnalysisFlags } from './scan.js';

export interface DiffFlags extends Omit<AnalysisFlags, 'context'> {
  format: string;
  output?: string;
  failOn?: string;
  minSeverity?: string;
}

export async function runDiff(oldSide: string, newSide: string, flags: DiffFlags, io: CliIo, now: () => Date): Promise<number> {
  const format = flags.format as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`unknown format "${flags.format}": use one of ${DIFF_FORMATS.join(', ')}`);
  const config = await loadConfig(flags.config, io);
  const failOn = severityFlag('--fail-on', flags.failOn ?? config?.defaults.failOn ?? 'high', true);
  const minSeverity = severityFlag('--min-severity', flags.minSeverity ?? config?.defaults.minSeverity ?? 'info', false) ?? 'info';
  const before = await readSide(oldSide, flags, config, io, now);
  const after = await readSide(newSide, flags, config, io, now);
  const diff = diffThreatModels(before, after);
  const gate = failOn ? { threshold: failOn, failures: gateFailures(diff, failOn) } : undefined;
  const text = renderDiff(diffAtOrAbove(diff, minSeverity), format, gate);
  if (flags.output) await writeFile(path.resolve(io.cwd, flags.output), text);
  else io.stdout.write(text);
  return gate && gate.failures.length > 0 ? EXIT.findings : EXIT.ok;
}

/** A JSON report is read as it is; anything else is scanned as manifests. */
async function readSide(side: string, flags: DiffFlags, config: KubethreatConfig | undefined, io: CliIo, now: () => Date): Promise<ComparableReport> {
  const report = await readReportFile(side, io);
  if (report !== undefined) return report;
  const { model } = await scanModel([side], { ...flags, context: [] }, config, io, now);
  for (const problem of model.problems.filter((entry) => entry.severity === 'error')) io.stderr.write(`kubethreat: ${formatProblem(problem)}\n`);
  return readComparable(model, side);
}

async function readReportFile(side: string, io: CliIo): Promise<ComparableReport | undefined> {
  if (side === '-') return undefined;
  const file = path.resolve(io.cwd, side);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  // A report starts with its schemaVersion (src/report/json.ts); a kubectl dump, also JSON, starts otherwise and
  // may be large, so only its first bytes are read here.
  if (!/^\s*\{\s*"schemaVersion"\s*:/.test(await firstBytes(file, 256))) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${side} looks like a kubethreat JSON report but is not valid JSON: ${(error as Error).message}`);
  }
  if (!isKubethreatReport(parsed)) return undefined;
  try {
    return readComparable(parsed, side);
  } catch (error) {
    if (error instanceof NotAReportError) throw new InputError(error.message);
    throw error;
  }
}

async function firstBytes(file: string, count: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function severityFlag(flag: string, value: string, allowNone: boolean): Severity | undefined {
  if (allowNone && value === 'none') return undefined;
  if (!isSeverity(value)) throw new UsageError(`invalid ${flag} "${value}": use info, low, medium, high or critical${allowNone ? ' (or none)' : ''}`);
  return value;
}
