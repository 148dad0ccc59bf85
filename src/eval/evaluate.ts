/**
 * The evaluation edge: reads a corpora folder (LABELS.tsv and the manifests it names), scans each label's unit with
 * the project's own loader and core, and judges every label. One analysis per unit, shared by all its labels.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { analyze } from '../engine/analyze.js';
import type { Finding } from '../engine/finding.js';
import { loadInputs } from '../load/index.js';
import type { InputProblem } from '../load/problems.js';
import type { Rule } from '../rules/define-rule.js';
import { parsePssVersion } from '../admission/pss/index.js';
import type { Coverage } from './concepts.js';
import { judgeLabel, type LabelVerdict } from './judge.js';
import { parseLabels, type Label } from './labels.js';
import { reasonFor, type KeptReason } from './reasons.js';

export const LABELS_FILE = 'LABELS.tsv';

/** The namespace of objects that name none, as kubectl decides it; a label's empty namespace matches any. */
const DEFAULT_NAMESPACE = 'default';
/** The core never reads the clock; a fixed time keeps the evaluation deterministic. */
const EVALUATION_TIME = new Date(0);

/** A DIR that is not a folder in the corpora format: the run stops with exit code 2. */
export class NotACorporaFolderError extends Error {}

export interface EvaluationSettings {
  coverage: Coverage;
  rules: readonly Rule[];
  /** Written reasons for kept disagreements (eval/DISAGREEMENTS.md). */
  reasons: readonly KeptReason[];
}

export interface UnitProblems {
  unit: string;
  problems: InputProblem[];
}

export interface FolderEvaluation {
  /** The folder as the user named it. */
  folder: string;
  verdicts: LabelVerdict[];
  /** LABELS.tsv rows that could not be used. */
  labelProblems: string[];
  /** What the loader or the model could not use, per unit that had such problems. */
  unitProblems: UnitProblems[];
  /** How many labels were analysed at a pinned Pod Security Standards version, per version. */
  pssVersions: Record<string, number>;
  /** How many distinct analyses ran. */
  analyses: number;
}

/** Checks that DIR can be evaluated before any work starts, so a typo fails fast. */
export async function assertCorporaFolder(dir: string, cwd: string): Promise<void> {
  const absolute = path.resolve(cwd, dir);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new NotACorporaFolderError(`${dir}: no such folder`);
  if (!info.isDirectory()) throw new NotACorporaFolderError(`${dir}: not a folder (give the folder that holds ${LABELS_FILE})`);
  const labels = await stat(path.join(absolute, LABELS_FILE)).catch(() => undefined);
  if (!labels?.isFile()) throw new NotACorporaFolderError(`${dir}: not a corpora folder, it has no ${LABELS_FILE}`);
}

export async function evaluateFolder(dir: string, cwd: string, settings: EvaluationSettings): Promise<FolderEvaluation> {
  await assertCorporaFolder(dir, cwd);
  const root = path.resolve(cwd, dir);
  const folderName = path.basename(root);
  const { labels, problems: labelProblems } = parseLabels(await readFile(path.join(root, LABELS_FILE), 'utf8'));

  const analyses = new Map<string, Finding[]>();
  const unitProblems: UnitProblems[] = [];
  const pssVersions: Record<string, number> = {};
  const verdicts: LabelVerdict[] = [];
  for (const label of labels) {
    const pssVersion = pssVersionInPath(label.file);
    if (pssVersion) pssVersions[pssVersion] = (pssVersions[pssVersion] ?? 0) + 1;
    const key = JSON.stringify([label.unitPaths, pssVersion ?? 'latest']);
    let findings = analyses.get(key);
    if (!findings) {
      const analysis = await analyseUnit(root, label, pssVersion, settings.rules);
      findings = analysis.findings;
      analyses.set(key, findings);
      if (analysis.problems.length > 0 && !unitProblems.some((entry) => entry.unit === label.unitPaths.join(';'))) {
        unitProblems.push({ unit: label.unitPaths.join(';'), problems: analysis.problems });
      }
    }
    const verdict = judgeLabel(label, findings, settings.coverage, pssVersion);
    if (verdict.verdict === 'FP' || verdict.verdict === 'FN') {
      const kept = reasonFor(settings.reasons, folderName, label);
      if (kept) verdict.keptReason = { reason: kept.reason, line: kept.line };
    }
    verdicts.push(verdict);
  }
  return { folder: dir.replace(/[\\/]+$/, '') || dir, verdicts, labelProblems, unitProblems, pssVersions, analyses: analyses.size };
}

/**
 * The Pod Security Admission fixtures sit under a folder named for the policy version they were generated for
 * (…/baseline/v1.37/pass/…); their verdicts hold at that version, so the unit is analysed at it.
 */
export function pssVersionInPath(file: string): string | undefined {
  for (const segment of file.split(/[\\/]/)) {
    if (/^v1\.\d+$/.test(segment) && parsePssVersion(segment)) return segment;
  }
  return undefined;
}

async function analyseUnit(
  root: string,
  label: Label,
  pssVersion: string | undefined,
  rules: readonly Rule[],
): Promise<{ findings: Finding[]; problems: InputProblem[] }> {
  const loaded = await loadInputs(
    label.unitPaths.map((unitPath) => path.resolve(root, unitPath)),
    { cwd: root },
  );
  const model = analyze({
    objects: loaded.objects,
    options: { defaultNamespace: DEFAULT_NAMESPACE, ...(pssVersion ? { pssVersion } : {}) },
    now: EVALUATION_TIME,
    toolVersion: 'eval',
    files: loaded.files,
    problems: loaded.problems,
    locate: (source, fieldPath) => loaded.locator.locate(source, fieldPath),
    rules,
  });
  const problems = [...model.problems];
  if (loaded.objects.length === 0) problems.unshift({ severity: 'error', file: label.unitPaths.join(';'), message: 'no Kubernetes object could be read from this unit' });
  return { findings: model.findings, problems };
}
