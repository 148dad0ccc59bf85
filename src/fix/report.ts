/** What `kubethreat fix` says: per finding, fixed or not (proved by the second scan), and what is left to do. Pure. */
import type { Finding } from '../engine/finding.js';
import { objectKey } from '../model/object.js';
import type { FindingOutcome, OutcomeStatus } from './outcome.js';
import type { FixPlan } from './plan.js';

export interface FixReportContext {
  /** What was done with the result, one line each: "wrote 12 files to fixed/", "printed a patch". */
  done: string[];
  /** Inputs kubethreat cannot edit (Kustomize output, standard input). */
  uneditable: string[];
}

const SECTIONS: ReadonlyArray<{ status: OutcomeStatus; title: string }> = [
  { status: 'not-fixed', title: 'Not fixed (the fix was applied, and the finding is still there)' },
  { status: 'needs-source', title: 'Not fixed: the object comes from an input kubethreat cannot edit' },
  { status: 'suggestion', title: 'Suggestions not applied (they may break the workload; name the rule with --rule to apply them)' },
  { status: 'above-level', title: 'Not applied: beyond --level baseline' },
  { status: 'no-fix', title: 'No fix for this case' },
];

export function renderFixReport(plan: FixPlan, context: FixReportContext): string {
  const out: string[] = [];
  const count = (status: OutcomeStatus): number => plan.outcomes.filter((outcome) => outcome.status === status).length;
  const changedFiles = plan.files.filter((file) => file.before !== file.after).length;
  out.push(`kubethreat fix: ${changedFiles} file${changedFiles === 1 ? '' : 's'} changed, ${plan.generated.length} object${plan.generated.length === 1 ? '' : 's'} generated.`);
  out.push(`Scanned again with the fixes and measures: ${count('fixed')} findings fixed, ${count('not-fixed') + count('needs-source')} not fixed, ${count('suggestion')} left as suggestions; ${plan.after.findings.length} findings remain (${plan.before.findings.length} before).`);
  const accepted = plan.before.accepted?.length ?? 0;
  if (accepted > 0) out.push(`${accepted} accepted finding${accepted === 1 ? ' was left as it is' : 's were left as they are'} (.kubethreat.yaml or kubethreat.io/accept).`);
  for (const line of context.done) out.push(line);
  for (const input of context.uneditable) out.push(`${input}: kubethreat cannot edit it; its objects get only generated objects, and the fixes of their findings must be made in the source files.`);

  const fixed = plan.outcomes.filter((outcome) => outcome.status === 'fixed');
  if (fixed.length > 0) {
    out.push('', 'Fixed');
    out.push(...table(fixed.map((outcome) => [outcome.finding.ruleId, subject(outcome.finding), BY[outcome.by ?? 'fix']])));
  }
  for (const section of SECTIONS) {
    const outcomes = plan.outcomes.filter((outcome) => outcome.status === section.status);
    if (outcomes.length === 0) continue;
    out.push('', section.title);
    out.push(...table(outcomes.map((outcome) => [outcome.finding.ruleId, subject(outcome.finding), detail(outcome)])));
  }
  if (plan.introduced.length > 0) {
    out.push('', 'New findings in the fixed estate');
    out.push(...table(plan.introduced.map((finding) => [finding.ruleId, subject(finding), finding.message])));
  }
  if (plan.changes.length > 0) {
    out.push('', 'Changes to objects of the input');
    for (const change of plan.changes) out.push(`  - ${change.summary}`);
  }
  const notes = fixNotes(plan.outcomes);
  if (notes.length > 0 || plan.notes.length > 0) {
    out.push('', 'Read before applying');
    for (const note of notes) out.push(`  - ${note}`);
    for (const note of plan.notes) out.push(`  - ${note}`);
  }
  return `${out.join('\n')}\n`;
}

const BY = { fix: 'fix', measure: 'measure', 'side-effect': 'side effect' } as const;

function subject(finding: Finding): string {
  return `${objectKey(finding.object)}${finding.container ? ` (${finding.container})` : ''}`;
}

function detail(outcome: FindingOutcome): string {
  if (outcome.reason) return outcome.reason;
  const edits = outcome.finding.fix?.edits ?? [];
  const first = edits[0];
  if (!first) return outcome.finding.message;
  const path = first.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('').replace(/^\./, '');
  const what = first.op === 'remove' ? `remove ${path}` : first.op === 'append' ? `add to ${path}` : `set ${path}: ${JSON.stringify(first.value)}`;
  return edits.length > 1 ? `${what} (and ${edits.length - 1} more)` : what;
}

/** The notes of the fixes that were applied, once each, with the rule they come from and how often. */
function fixNotes(outcomes: readonly FindingOutcome[]): string[] {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.by !== 'fix' && outcome.status !== 'not-fixed') continue;
    for (const note of outcome.finding.fix?.notes ?? []) {
      const key = `${outcome.finding.ruleId}: ${note}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([note, times]) => (times > 1 ? `${note} (${times} times)` : note));
}

function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (column === row.length - 1 ? 0 : row[column].length))));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`.trimEnd());
}
