/**
 * `kubethreat fix`: load the manifests, plan the fixes and measures (src/fix), and write fixed copies to a folder
 * or print a patch. Input files are never written.
 */
import { mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeText } from '../load/decode.js';
import { loadInputs } from '../load/index.js';
import { formatProblem } from '../load/problems.js';
import { planFixes, type FixPlan } from '../fix/plan.js';
import { renderFixReport } from '../fix/report.js';
import { sensitiveLines, withoutSecrets } from '../fix/secrets.js';
import { unifiedDiff } from '../fix/unified-diff.js';
import { MEASURES } from '../fix/measures/index.js';
import type { FixLevel } from '../fix/selection.js';
import { findRule, RULE_LIST } from '../rules/index.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { readAll, type CliIo } from './io.js';
import { toolVersion } from './version.js';
import { configAnalysisOptions, loadConfig } from './config.js';
import { checkKubernetesVersionFlag, checkPssVersionFlag } from './version-flags.js';

export interface FixFlags {
  output?: string;
  patch?: boolean;
  rule: string[];
  level: string;
  namespace?: string;
  pssVersion?: string;
  /** The cluster's version: Pod Security labels are pinned to it. */
  kubernetesVersion?: string;
  includePlatform?: boolean;
  clusterName?: string;
  /** --config FILE; false for --no-config. */
  config?: string | false;
}

export const MEASURES_FILE = 'kubethreat-measures.yaml';

export async function runFix(paths: string[], flags: FixFlags, io: CliIo, now: () => Date): Promise<number> {
  const level = checkFlags(paths, flags);
  const config = await loadConfig(flags.config, io);
  const decided = configAnalysisOptions(config, flags.rule);
  const loaded = await loadInputs(paths, { cwd: io.cwd, readStdin: () => readAll(io.stdin), cluster: flags.clusterName });
  if (loaded.objects.length === 0) {
    const problems = loaded.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new InputError(`no Kubernetes objects could be read from ${paths.join(', ')}${problems ? `:\n${problems}` : ''}`);
  }
  for (const problem of loaded.problems.filter((entry) => entry.severity === 'error')) io.stderr.write(`kubethreat: ${formatProblem(problem)}\n`);

  const sources: Array<{ file: string; text: string }> = [];
  const uneditable: string[] = [];
  for (const file of loaded.files) {
    const text = await readEditable(path.resolve(io.cwd, file), file);
    if (text === undefined) uneditable.push(file);
    else sources.push({ file, text });
  }
  const editable = new Set(sources.map((source) => source.file));
  const plan = planFixes({
    sources,
    fixedObjects: loaded.objects.filter((object) => !editable.has(object.source.file)),
    options: {
      defaultNamespace: flags.namespace ?? config?.defaults.namespace ?? 'default',
      pssVersion: flags.pssVersion ?? config?.defaults.pssVersion ?? 'latest',
      ...(flags.kubernetesVersion !== undefined ? { kubernetesVersion: flags.kubernetesVersion } : {}),
      ...(config?.defaults.kubernetesVersion !== undefined ? { defaultKubernetesVersion: config.defaults.kubernetesVersion } : {}),
      includePlatform: flags.includePlatform === true,
      skipRules: decided.skipRules,
      ...(decided.acceptances ? { acceptances: decided.acceptances } : {}),
      ...(decided.severityOverrides ? { severityOverrides: decided.severityOverrides } : {}),
    },
    rules: flags.rule,
    level,
    measures: true,
    now: now(),
    toolVersion: toolVersion(),
  });

  const root = commonFolder(sources.map((source) => path.resolve(io.cwd, source.file)), io.cwd);
  const done: string[] = [];
  if (flags.output !== undefined) done.push(...(await writeCopies(plan, path.resolve(io.cwd, flags.output), root, io.cwd)));
  else if (flags.patch) {
    io.stdout.write(patchOf(plan, root, io.cwd));
    done.push('The patch is on standard output (git apply, or patch -p1, in the folder kubethreat ran in).');
  } else done.push('Nothing was written: give --output DIR for fixed copies, or --patch for a patch.');
  const report = renderFixReport(plan, { done, uneditable });
  (flags.patch ? io.stderr : io.stdout).write(report);
  return EXIT.ok;
}

function checkFlags(paths: readonly string[], flags: FixFlags): FixLevel {
  if (paths.length === 0) throw new UsageError('no input: give the files or folders to fix (- reads standard input, but only generated objects can come of it)');
  if (flags.output !== undefined && flags.patch) throw new UsageError('give either --output DIR or --patch, not both');
  if (flags.level !== 'baseline' && flags.level !== 'restricted') throw new UsageError(`invalid --level "${flags.level}": use baseline or restricted`);
  checkPssVersionFlag(flags.pssVersion);
  checkKubernetesVersionFlag(flags.kubernetesVersion);
  const measureRules = new Set(MEASURES.flatMap((measure) => measure.rules));
  for (const id of flags.rule) {
    if (!findRule(id)) throw new UsageError(`unknown rule "${id}": "kubethreat rules" lists them`);
    if (findRule(id)?.fix === undefined && !measureRules.has(id)) {
      const fixable = [...RULE_LIST.filter((rule) => rule.fix !== undefined).map((rule) => rule.id), ...measureRules].sort();
      throw new UsageError(`rule "${id}" has no fix and no measure; these do: ${fixable.join(', ')}`);
    }
  }
  return flags.level;
}

/**
 * Past this size an input is a cluster dump rather than a manifest someone maintains: it is analysed, and gets
 * generated objects, but kubethreat does not rewrite it (each fix round would parse it again).
 */
const MAX_EDITABLE_BYTES = 16 * 1024 * 1024;

/** The text of an input kubethreat may write a fixed copy of: a file it read; undefined for stdin and Kustomize output. */
async function readEditable(absolute: string, name: string): Promise<string | undefined> {
  if (name === '<stdin>') return undefined;
  try {
    const info = await stat(absolute);
    if (!info.isFile() || info.size > MAX_EDITABLE_BYTES) return undefined;
    return decodeText(await readFile(absolute));
  } catch {
    return undefined; // e.g. `<dir> (kustomize output)`: not a file
  }
}

/** The deepest folder that holds every input file: the copies keep their paths below it. */
function commonFolder(files: readonly string[], cwd: string): string {
  if (files.length === 0) return cwd;
  let common = path.dirname(files[0]);
  for (const file of files) {
    while (path.relative(common, file).startsWith('..') || path.isAbsolute(path.relative(common, file))) common = path.dirname(common);
  }
  return common;
}

async function writeCopies(plan: FixPlan, outputDir: string, root: string, cwd: string): Promise<string[]> {
  const inputs = new Set(await Promise.all(plan.files.map((file) => realpath(path.resolve(cwd, file.file)))));
  const writes = new Map<string, string>();
  const left: string[] = [];
  for (const file of plan.files) {
    const destination = path.join(outputDir, path.relative(root, path.resolve(cwd, file.file)));
    const { text, left: secrets } = withoutSecrets(file.after, file.file);
    left.push(...secrets);
    if (text !== undefined) writes.set(destination, text);
  }
  if (plan.measuresText !== '') {
    const destination = path.join(outputDir, MEASURES_FILE);
    const existing = writes.get(destination);
    writes.set(destination, existing === undefined ? plan.measuresText : `${existing.replace(/\n?$/, '\n')}${plan.measuresText}`);
  }
  for (const destination of writes.keys()) {
    const real = await realpath(destination).catch(() => destination);
    if (inputs.has(real)) throw new UsageError(`--output ${path.relative(cwd, outputDir) || '.'} would overwrite the input file ${path.relative(cwd, real)}: kubethreat never edits its inputs; choose another folder`);
  }
  for (const [destination, text] of writes) {
    await mkdir(path.dirname(destination), { recursive: true });
    await writeFile(destination, text);
  }
  const shown = path.relative(cwd, outputDir).startsWith('..') ? outputDir : path.relative(cwd, outputDir) || '.';
  const lines = [`Wrote ${writes.size} file${writes.size === 1 ? '' : 's'} to ${shown}${plan.measuresText !== '' ? `, the generated objects in ${MEASURES_FILE}` : ''}.`];
  if (left.length > 0) lines.push(`Secrets left out of the copies (kubethreat never writes Secret values; keep the originals): ${[...new Set(left)].sort().join(', ')}.`);
  return lines;
}

function patchOf(plan: FixPlan, root: string, cwd: string): string {
  const name = (file: string): string => file.split(path.sep).join('/');
  const measuresPath = path.join(root, MEASURES_FILE);
  const withMeasures = (text: string): string => `${text.replace(/\n?$/, '\n')}${plan.measuresText}`;
  let patch = '';
  let measuresDone = plan.measuresText === '';
  for (const file of plan.files) {
    // A measures file from an earlier run is an input: the new objects go at its end.
    const appends = !measuresDone && path.resolve(cwd, file.file) === measuresPath;
    const after = appends ? withMeasures(file.after) : file.after;
    measuresDone ||= appends;
    if (file.before === after) continue;
    const hidden = sensitiveLines(file.before, file.file);
    patch += unifiedDiff(name(file.file), name(file.file), file.before, after, { sensitive: (line) => hidden.has(line) });
  }
  if (!measuresDone) patch += unifiedDiff(undefined, name(path.relative(cwd, measuresPath)), '', plan.measuresText);
  return patch;
}
