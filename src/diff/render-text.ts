/** `kubethreat diff --format text`: plain lines for a CI log. Input text is made safe for the terminal. */
import { BOUNDARY_TITLES } from '../taxonomy/index.js';
import { safe } from '../report/terminal-text.js';
import type { DiffFinding, ThreatModelDiff } from './types.js';
import { acceptanceWords, gateSentence, placeOf, subjectOf, summarySentence, type DiffGate } from './words.js';

export function renderDiffText(diff: ThreatModelDiff, gate?: DiffGate): string {
  const lines = [`kubethreat diff: ${safe(diff.old)} → ${safe(diff.new)}`, `  ${summarySentence(diff)}`];
  if (gate) lines.push(`  ${gateSentence(gate)}`);
  section(lines, 'New findings', diff.added.map((finding) => findingLines(finding)));
  section(lines, 'Reopened findings (their acceptance was removed or has expired)', diff.reopened.map((finding) => findingLines(finding)));
  section(lines, 'Changed findings', diff.changed.map((change) => findingLines(change.after, change.changes.join('; '))));
  section(lines, 'Resolved findings', diff.resolved.map((finding) => findingLines(finding)));
  section(lines, 'Newly accepted', diff.newlyAccepted.map((finding) => findingLines(finding, `accepted: ${acceptanceWords(finding)}`)));
  section(
    lines,
    'Controls',
    diff.controls.map((change) => [`  ${BOUNDARY_TITLES[change.boundary]}: ${safe(change.title)} [${safe(change.scope)}]: ${change.before} → ${change.after}${change.evidence ? ` (${safe(change.evidence)})` : ''}`]),
  );
  section(
    lines,
    'Node boundary',
    diff.nodeBoundary.map((change) => {
      const where = `${safe(change.pool)}${change.everyNode ? ', every node' : ''}${change.controlPlane ? ', control plane' : ''}`;
      const out: string[] = [];
      if (change.gained.length > 0) out.push(`  + ${safe(change.workload)} can now cross into its node (${where}): ${change.gained.join(', ')}`);
      if (change.lost.length > 0) out.push(`  - ${safe(change.workload)} no longer crosses into its node by: ${change.lost.join(', ')}`);
      return out;
    }),
  );
  return `${lines.join('\n')}\n`;
}

function section(lines: string[], title: string, entries: string[][]): void {
  if (entries.length === 0) return;
  lines.push('', `${title} (${entries.length})`);
  for (const entry of entries) lines.push(...entry);
}

function findingLines(finding: DiffFinding, note?: string): string[] {
  const out = [`  ${finding.severity.toUpperCase().padEnd(8)} ${finding.ruleId}  ${safe(subjectOf(finding))}`, `           ${safe(finding.message)}`];
  const place = placeOf(finding);
  const detail = [place, finding.path].filter((text) => text !== '').map(safe).join('  ');
  if (detail) out.push(`           ${detail}`);
  if (note) out.push(`           ${safe(note)}`);
  return out;
}
