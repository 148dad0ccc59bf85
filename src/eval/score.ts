/** Verdicts → counts per concept: the numbers the evaluation prints. Pure. */
import type { LabelVerdict } from './judge.js';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Labels whose concept no existing rule decides: not scored, never misses. */
  notCovered: number;
  /** Disagreements (FP, FN) kept with a written reason in eval/DISAGREEMENTS.md. */
  explained: number;
}

export interface Score extends Counts {
  /** TP / (TP + FP); null when the scanner failed nothing. */
  precision: number | null;
  /** TP / (TP + FN); null when no label expects a failure. */
  recall: number | null;
  /** (TP + TN) / covered labels; null when none is covered. */
  agreement: number | null;
}

export interface ConceptScore extends Score {
  concept: string;
}

export interface FolderScore {
  /** Covered concepts first in name order, then the concepts that are not covered. */
  concepts: ConceptScore[];
  total: Score;
  /** FP and FN verdicts, by concept, file and object: what a person should read. */
  disagreements: LabelVerdict[];
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0, tn: 0, notCovered: 0, explained: 0 };
}

export function addVerdict(counts: Counts, { verdict, keptReason }: LabelVerdict): void {
  if ((verdict === 'FP' || verdict === 'FN') && keptReason) counts.explained++;
  if (verdict === 'TP') counts.tp++;
  else if (verdict === 'FP') counts.fp++;
  else if (verdict === 'FN') counts.fn++;
  else if (verdict === 'TN') counts.tn++;
  else counts.notCovered++;
}

export function withRates(counts: Counts): Score {
  const covered = counts.tp + counts.fp + counts.fn + counts.tn;
  return {
    ...counts,
    precision: ratio(counts.tp, counts.tp + counts.fp),
    recall: ratio(counts.tp, counts.tp + counts.fn),
    agreement: ratio(counts.tp + counts.tn, covered),
  };
}

export function scoreVerdicts(verdicts: readonly LabelVerdict[]): FolderScore {
  const byConcept = new Map<string, Counts>();
  const total = emptyCounts();
  for (const verdict of verdicts) {
    const counts = byConcept.get(verdict.label.concept) ?? emptyCounts();
    byConcept.set(verdict.label.concept, counts);
    addVerdict(counts, verdict);
    addVerdict(total, verdict);
  }
  const concepts = [...byConcept]
    .map(([concept, counts]) => ({ concept, ...withRates(counts) }))
    .sort((a, b) => Number(a.agreement === null) - Number(b.agreement === null) || compareText(a.concept, b.concept));
  const disagreements = verdicts
    .filter((verdict) => verdict.verdict === 'FP' || verdict.verdict === 'FN')
    .sort((a, b) => compareText(a.label.concept, b.label.concept) || compareText(a.label.file, b.label.file) || compareText(a.label.object, b.label.object));
  return { concepts, total: withRates(total), disagreements };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
