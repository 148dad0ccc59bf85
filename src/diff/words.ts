/** Words the diff renderers share: how a finding, a place, the totals and the gate are said. */
import { objectKey } from '../model/object.js';
import { SEVERITIES, type Severity } from '../taxonomy/index.js';
import type { DiffFinding, ThreatModelDiff } from './types.js';

/** What the CI gate decided, when `--fail-on` is set. */
export interface DiffGate {
  threshold: Severity;
  failures: DiffFinding[];
}

export function subjectOf(finding: DiffFinding): string {
  return `${objectKey(finding.object)}${finding.container !== undefined ? ` (container ${finding.container})` : ''}`;
}

/** file:line, or just the file when the finding is about the estate as a whole (line 0). */
export function placeOf(finding: DiffFinding): string {
  const { file, line } = finding.location;
  if (file === '') return '';
  return line > 0 ? `${file}:${line}` : file;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "2 new (1 high, 1 medium), 1 resolved, 0 changed, 4 unchanged; 1 reopened; 1 newly accepted" */
export function summarySentence(diff: ThreatModelDiff): string {
  const { summary } = diff;
  const counts = severityCounts(diff.added);
  const parts = [`${summary.added} new${counts ? ` (${counts})` : ''}`, `${summary.resolved} resolved`, `${summary.changed} changed`, `${summary.unchanged} unchanged`];
  const extra: string[] = [];
  if (summary.reopened > 0) extra.push(`${summary.reopened} reopened (acceptance removed or expired)`);
  if (summary.newlyAccepted > 0) extra.push(`${summary.newlyAccepted} newly accepted`);
  return [parts.join(', '), ...extra].join('; ');
}

export function severityCounts(findings: readonly DiffFinding[]): string {
  return [...SEVERITIES]
    .reverse()
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
}

/** "1 new finding at or above high." or "no new risk at or above high." */
export function gateDetail(gate: DiffGate): string {
  if (gate.failures.length === 0) return `no new risk at or above ${gate.threshold}.`;
  return `${plural(gate.failures.length, 'new finding')} at or above ${gate.threshold}.`;
}

export function gateSentence(gate: DiffGate): string {
  return `${gate.failures.length > 0 ? 'Fails' : 'Passes'} --fail-on ${gate.threshold}: ${gateDetail(gate)}`;
}

export function acceptanceWords(finding: DiffFinding): string {
  const acceptance = finding.acceptance;
  if (!acceptance) return '';
  return `${acceptance.reason} (until ${acceptance.expires}${acceptance.owner !== undefined ? `, ${acceptance.owner}` : ''})`;
}

export function escapeWords(ids: readonly string[]): string {
  return ids.join(', ');
}
