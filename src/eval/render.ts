/** The evaluation as text for people and as JSON for tools. Pure: strings in, strings out. */
import { formatProblem } from '../load/problems.js';
import { safe } from '../report/terminal-text.js';
import type { Coverage } from './concepts.js';
import type { FolderEvaluation } from './evaluate.js';
import type { LabelVerdict } from './judge.js';
import { scoreVerdicts, type ConceptScore, type FolderScore, type Score } from './score.js';

export const EVAL_SCHEMA_VERSION = 1;

export interface EvaluationRun {
  conceptsFile: string;
  coverage: Coverage;
  folders: FolderEvaluation[];
}

const PROBLEMS_SHOWN_PER_FOLDER = 5;
const WORST_CONCEPTS_SHOWN = 10;

export function renderText(run: EvaluationRun): string {
  const lines: string[] = [`kubethreat evaluation (concept map: ${safe(run.conceptsFile)})`];
  if (run.coverage.mappedButMissing.length > 0) {
    lines.push(`mapped but missing (in the concept map, not in the rule registry): ${run.coverage.mappedButMissing.join(', ')}`);
  }
  if (run.coverage.unmappedRules.length > 0) lines.push(`not measured (in the registry, mapped to no concept): ${run.coverage.unmappedRules.join(', ')}`);
  for (const folder of run.folders) lines.push('', ...renderFolder(folder, scoreVerdicts(folder.verdicts)));
  if (run.folders.length > 1) lines.push('', ...renderAcrossFolders(run.folders));
  return `${lines.join('\n')}\n`;
}

function renderFolder(folder: FolderEvaluation, score: FolderScore): string[] {
  const lines = [`== ${safe(folder.folder)}: ${folder.verdicts.length} labels, ${folder.analyses} analyses`];
  const versions = Object.entries(folder.pssVersions);
  if (versions.length > 0) {
    const list = versions.map(([version, count]) => `${version} for ${count} labels`).join(', ');
    const pinned = versions.reduce((sum, [, count]) => sum + count, 0);
    const rest = pinned < folder.verdicts.length ? `; the other ${folder.verdicts.length - pinned} at latest` : '';
    lines.push(`Pod Security Standards version taken from the version folder in the label's path (…/v1.N/…): ${list}${rest}`);
  }
  lines.push('', scoreHeader());
  for (const concept of score.concepts.filter((entry) => entry.agreement !== null)) lines.push(scoreRow(concept.concept, concept));
  lines.push(scoreRow('total (covered)', score.total));
  lines.push(...renderNotCovered(folder.verdicts, score.total.notCovered));
  const explained = score.disagreements.filter((verdict) => verdict.keptReason).length;
  lines.push('', `disagreements: ${score.disagreements.length} (${explained} kept with a written reason in DISAGREEMENTS.md)`);
  for (const verdict of score.disagreements) lines.push(...renderDisagreement(verdict));
  if (folder.labelProblems.length > 0) {
    lines.push('', `label rows skipped: ${folder.labelProblems.length}`);
    for (const problem of folder.labelProblems.slice(0, PROBLEMS_SHOWN_PER_FOLDER)) lines.push(`  ${safe(problem)}`);
  }
  const errors = folder.unitProblems.flatMap((entry) => entry.problems.filter((problem) => problem.severity === 'error'));
  if (errors.length > 0) {
    lines.push('', `input errors while loading units: ${errors.length}${errors.length > PROBLEMS_SHOWN_PER_FOLDER ? ` (first ${PROBLEMS_SHOWN_PER_FOLDER})` : ''}`);
    for (const problem of errors.slice(0, PROBLEMS_SHOWN_PER_FOLDER)) lines.push(`  ${safe(formatProblem(problem))}`);
  }
  return lines;
}

function renderDisagreement(verdict: LabelVerdict): string[] {
  const { label } = verdict;
  const lines = [`  ${verdict.verdict} ${safe(label.concept)}  ${safe(label.object)}  ${safe(label.file)}`];
  const why = [`expected ${label.expected}`, `source_check ${safe(label.source_check || '-')}`];
  if (label.note) why.push(`note: ${safe(label.note)}`);
  lines.push(`     ${why.join(' · ')}`);
  if (verdict.keptReason) lines.push(`     kept: DISAGREEMENTS.md line ${verdict.keptReason.line}`);
  if (verdict.matched.length === 0) {
    lines.push(`     scanner: no finding of ${verdict.rules.join(', ')} on this object`);
  } else {
    for (const finding of verdict.matched) {
      const where = `${finding.location.file}:${finding.location.line}`;
      const via = finding.matchedBy === 'related' ? ` (as related object of ${finding.object})` : '';
      lines.push(`     scanner: ${finding.ruleId} at ${safe(where)} ${safe(finding.path)}${via}`);
    }
  }
  return lines;
}

/** Not-covered labels by why: a rule that is planned but not written yet, or no rule planned at all. */
function renderNotCovered(verdicts: readonly LabelVerdict[], total: number): string[] {
  if (total === 0) return [];
  const planned = new Map<string, number>();
  const unplanned = new Map<string, number>();
  for (const verdict of verdicts) {
    if (verdict.verdict !== 'not-covered') continue;
    const target = verdict.notCoveredReason?.startsWith('mapped to') ? planned : unplanned;
    target.set(verdict.label.concept, (target.get(verdict.label.concept) ?? 0) + 1);
  }
  const list = (counts: Map<string, number>): string =>
    [...counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([concept, count]) => `${safe(concept)} ×${count}`)
      .join(', ');
  const lines = [`not covered: ${total} labels`];
  if (planned.size > 0) lines.push(`  mapped to rules not in the registry yet: ${list(planned)}`);
  if (unplanned.size > 0) lines.push(`  no rule maps to: ${list(unplanned)}`);
  return lines;
}

function renderAcrossFolders(folders: readonly FolderEvaluation[]): string[] {
  const all = scoreVerdicts(folders.flatMap((folder) => folder.verdicts));
  const lines = ['== all folders', scoreHeader()];
  lines.push(scoreRow('total (covered)', all.total));
  const worst = worstConcepts(all.concepts).slice(0, WORST_CONCEPTS_SHOWN);
  if (worst.length > 0) {
    lines.push('', 'worst covered concepts (lowest agreement first):');
    for (const concept of worst) lines.push(scoreRow(concept.concept, concept));
  }
  return lines;
}

/** Covered concepts that disagree at least once, lowest agreement first, the most disagreements breaking ties. */
export function worstConcepts(concepts: readonly ConceptScore[]): ConceptScore[] {
  return concepts
    .filter((concept) => concept.agreement !== null && concept.fp + concept.fn > 0)
    .sort((a, b) => (a.agreement ?? 1) - (b.agreement ?? 1) || b.fp + b.fn - (a.fp + a.fn) || (a.concept < b.concept ? -1 : 1));
}

function scoreHeader(): string {
  return `${'concept'.padEnd(36)}${['covered', 'TP', 'FP', 'FN', 'TN'].map((name) => name.padStart(7)).join('')}${['precision', 'recall', 'agreement'].map((name) => name.padStart(11)).join('')}${'explained'.padStart(11)}`;
}

function scoreRow(name: string, score: Score): string {
  const covered = score.tp + score.fp + score.fn + score.tn;
  const counts = [covered, score.tp, score.fp, score.fn, score.tn].map((count) => String(count).padStart(7)).join('');
  const rates = [score.precision, score.recall, score.agreement].map((rate) => percent(rate).padStart(11)).join('');
  const explained = score.fp + score.fn === 0 ? '' : `${score.explained}/${score.fp + score.fn}`;
  return `${safe(name).padEnd(36)}${counts}${rates}${explained.padStart(11)}`;
}

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

/** `--json`: the same measurement as the text, for tools. */
export function renderSummaryJson(run: EvaluationRun): string {
  const folders = run.folders.map((folder) => {
    const score = scoreVerdicts(folder.verdicts);
    return {
      folder: folder.folder,
      labels: folder.verdicts.length,
      analyses: folder.analyses,
      pssVersions: folder.pssVersions,
      concepts: score.concepts,
      total: score.total,
      disagreements: score.disagreements.map(verdictJson),
      labelProblems: folder.labelProblems,
      unitProblems: folder.unitProblems,
    };
  });
  const all = scoreVerdicts(run.folders.flatMap((folder) => folder.verdicts));
  return `${JSON.stringify(
    {
      schemaVersion: EVAL_SCHEMA_VERSION,
      conceptsFile: run.conceptsFile,
      mappedButMissing: run.coverage.mappedButMissing,
      unmappedRules: run.coverage.unmappedRules,
      folders,
      total: all.total,
      worstConcepts: worstConcepts(all.concepts),
    },
    null,
    2,
  )}\n`;
}

/** `--out FILE`: every label with its verdict and the findings that decided it. */
export function renderVerdictsJson(run: EvaluationRun): string {
  return `${JSON.stringify(
    {
      schemaVersion: EVAL_SCHEMA_VERSION,
      conceptsFile: run.conceptsFile,
      mappedButMissing: run.coverage.mappedButMissing,
      folders: run.folders.map((folder) => ({ folder: folder.folder, verdicts: folder.verdicts.map(verdictJson) })),
    },
    null,
    2,
  )}\n`;
}

function verdictJson(verdict: LabelVerdict): Record<string, unknown> {
  const { label } = verdict;
  return {
    file: label.file,
    object: label.object,
    concept: label.concept,
    expected: label.expected,
    source_of_label: label.source_of_label,
    source_check: label.source_check,
    note: label.note,
    unit: label.unit,
    line: label.line,
    verdict: verdict.verdict,
    scannerFails: verdict.scannerFails,
    rules: verdict.rules,
    ...(verdict.notCoveredReason ? { notCoveredReason: verdict.notCoveredReason } : {}),
    ...(verdict.pssVersion ? { pssVersion: verdict.pssVersion } : {}),
    ...(verdict.keptReason ? { keptReason: verdict.keptReason } : {}),
    matchedFindings: verdict.matched,
  };
}
