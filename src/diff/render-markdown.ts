/**
 * `kubethreat diff --format markdown`: a pull-request comment. Every name from the input is escaped (markdown-text.ts);
 * the first line is a marker a CI job can look for to update its previous comment instead of adding another.
 */
import { BOUNDARY_TITLES } from '../taxonomy/index.js';
import { mdCode, mdTable, mdText } from '../report/markdown-text.js';
import { objectKey } from '../model/object.js';
import type { DiffFinding, ThreatModelDiff } from './types.js';
import { gateDetail, placeOf, summarySentence, type DiffGate } from './words.js';

export const COMMENT_MARKER = '<!-- kubethreat-diff -->';

/** Longer tables fold away, so a big change does not bury the pull request's conversation. */
const FOLD_AFTER_ROWS = 20;

export function renderDiffMarkdown(diff: ThreatModelDiff, gate?: DiffGate): string {
  const lines = [COMMENT_MARKER, '## kubethreat: threat-model diff', '', `${mdCode(diff.old)} → ${mdCode(diff.new)}`, '', mdText(summarySentence(diff))];
  if (gate) lines.push('', `> **${gate.failures.length > 0 ? 'Fails' : 'Passes'}** \`--fail-on ${gate.threshold}\`: ${gateDetail(gate)}`);
  const findingHeaders = ['Severity', 'Rule', 'Object', 'Finding', 'Where'];
  table(lines, 'New findings', findingHeaders, diff.added.map((finding) => findingRow(finding, finding.message, true)));
  table(lines, 'Reopened findings', findingHeaders, diff.reopened.map((finding) => findingRow(finding, finding.message, true)), 'Their acceptance was removed or has expired: they count again.');
  table(lines, 'Changed findings', ['Severity', 'Rule', 'Object', 'Change', 'Where'], diff.changed.map((change) => findingRow(change.after, change.changes.join('; '), false)));
  table(lines, 'Resolved findings', findingHeaders, diff.resolved.map((finding) => findingRow(finding, finding.message, false)));
  table(
    lines,
    'Newly accepted',
    ['Severity', 'Rule', 'Object', 'Reason', 'Until', 'Owner'],
    diff.newlyAccepted.map((finding) => [
      finding.severity,
      mdCode(finding.ruleId),
      subject(finding),
      mdText(finding.acceptance?.reason ?? ''),
      finding.acceptance?.expires ?? '',
      mdText(finding.acceptance?.owner ?? ''),
    ]),
  );
  table(
    lines,
    'Controls',
    ['Boundary', 'Control', 'Scope', 'Before', 'After', 'Evidence'],
    diff.controls.map((change) => [BOUNDARY_TITLES[change.boundary], mdText(change.title), mdCode(change.scope), change.before, `**${change.after}**`, mdText(change.evidence)]),
  );
  table(
    lines,
    'Node boundary',
    ['Workload', 'Node pool', 'Can now cross into its node by', 'No longer by'],
    diff.nodeBoundary.map((change) => [
      mdCode(change.workload),
      `${mdText(change.pool)}${change.everyNode ? ' (every node)' : ''}${change.controlPlane ? ' (control plane)' : ''}`,
      change.gained.map(mdCode).join(', '),
      change.lost.map(mdCode).join(', '),
    ]),
  );
  return `${lines.join('\n')}\n`;
}

function table(lines: string[], title: string, headers: string[], rows: string[][], note?: string): void {
  if (rows.length === 0) return;
  lines.push('', `### ${title} (${rows.length})`, '');
  if (note) lines.push(note, '');
  const body = mdTable(headers, rows);
  if (rows.length > FOLD_AFTER_ROWS) lines.push('<details><summary>Show the table</summary>', '', ...body, '', '</details>');
  else lines.push(...body);
}

function findingRow(finding: DiffFinding, text: string, emphasise: boolean): string[] {
  const place = placeOf(finding);
  return [emphasise ? `**${finding.severity}**` : finding.severity, mdCode(finding.ruleId), subject(finding), mdText(text), place ? mdCode(place) : ''];
}

function subject(finding: DiffFinding): string {
  return `${mdCode(objectKey(finding.object))}${finding.container !== undefined ? ` (container ${mdCode(finding.container)})` : ''}`;
}
