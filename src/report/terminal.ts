/**
 * The terminal report, shaped like a threat model: the most likely attack paths, then per trust boundary the controls
 * present and missing and the findings ranked by risk (or severity) with their evidence and measure; what was
 * skipped; a summary.
 */
import type { AcceptedFinding, Finding } from '../engine/finding.js';
import type { ControlState, ControlStatus, ThreatModel } from '../engine/threat-model.js';
import { controlRows, kubernetesVersionsText } from './present.js';
import { objectKey } from '../model/object.js';
import { BOUNDARIES, BOUNDARY_TITLES, SEVERITIES, severityRank, type Severity } from '../taxonomy/index.js';
import { formatProblem } from '../load/problems.js';
import { COLOR, PLAIN, safe, type Style } from './terminal-text.js';

export interface TerminalOptions {
  color: boolean;
  /** Instances listed per rule before "… and N more", and scopes listed per control (0 = all). */
  maxInstancesPerRule?: number;
}

export function renderTerminal(model: ThreatModel, options: TerminalOptions): string {
  const style = options.color ? COLOR : PLAIN;
  const limit = options.maxInstancesPerRule ?? 0;
  const lines: string[] = [];
  const scope = model.scope;
  lines.push(style.bold(`kubethreat ${model.tool.version} — threat model of ${scope.objects} objects, ${scope.workloads} workloads in ${scope.namespaces.length} namespaces (${scope.files.length} inputs)`));
  const versions = kubernetesVersionsText(model);
  if (versions !== undefined) lines.push(style.dim(`Kubernetes ${safe(versions)}`));
  lines.push('');
  lines.push(...attackPathLines(model, style));

  for (const boundary of BOUNDARIES) {
    const findings = model.findings.filter((finding) => finding.boundary === boundary);
    const controls = model.controls.find((entry) => entry.boundary === boundary)?.controls ?? [];
    lines.push(style.bold(style.cyan(`${BOUNDARY_TITLES[boundary]}`)) + style.dim(`  (${findings.length} finding${findings.length === 1 ? '' : 's'})`));
    if (controls.length > 0) {
      lines.push(`  ${style.bold('Controls')}`);
      lines.push(...controlLines(controls, style, limit));
    }
    if (boundary === 'node') lines.push(...nodeBoundaryLines(model, style));
    if (findings.length > 0) {
      lines.push(`  ${style.bold('Threats')}`);
      lines.push(...findingLines(findings, style, limit));
    }
    lines.push('');
  }

  lines.push(...acceptedLines(model.accepted ?? [], style));
  if (model.problems.length > 0) {
    lines.push(style.bold('Skipped or not analysed'));
    for (const problem of model.problems) lines.push(`  ${safe(formatProblem(problem))}`);
    lines.push('');
  }
  if (model.platform.hidden > 0) {
    lines.push(style.dim(`${model.platform.hidden} finding${model.platform.hidden === 1 ? '' : 's'} on the cluster's own components (kube-system add-ons, bootstrap RBAC) not shown: --include-platform shows them.`));
  }
  lines.push(summaryLine(model, style));
  return `${lines.join('\n')}\n`;
}

/** The controls of a boundary, a line each (see controlRows: a control of thousands of namespaces is counted). */
function controlLines(controls: readonly ControlState[], style: Style, limit: number): string[] {
  return controlRows(controls, limit).map((row) => {
    if (row.kind === 'scope') return `    ${statusMark(row.control.status, style)} ${safe(row.control.title)} ${style.dim(`[${safe(row.control.scope)}]`)}: ${safe(row.control.evidence)}`;
    if (row.kind === 'more') return style.dim(`      … and ${row.count} more scopes where it is missing or weak (see --format json)`);
    return `    ${statusMark(row.status, style)} ${safe(row.title)} ${style.dim(`in ${row.count} of ${row.of} scopes`)}`;
  });
}

function statusMark(status: ControlStatus, style: Style): string {
  switch (status) {
    case 'present':
      return style.green('✔ present');
    case 'weak':
      return style.yellow('◐ weak   ');
    case 'missing':
      return style.red('✘ missing');
    default:
      return style.dim('– n/a    ');
  }
}

function nodeBoundaryLines(model: ThreatModel, style: Style): string[] {
  const lines: string[] = [];
  const crossing = model.nodeBoundary.pools
    .map((pool) => ({ pool, workloads: pool.workloads.filter((workload) => workload.nodeEscapes.length > 0) }))
    .filter((entry) => entry.workloads.length > 0);
  if (crossing.length === 0) return lines;
  lines.push(`  ${style.bold('Workloads that can cross into their node, per node pool')}`);
  for (const { pool, workloads } of crossing) {
    lines.push(`    ${pool.controlPlane ? style.red(safe(pool.name)) : safe(pool.name)}`);
    for (const workload of workloads) {
      const every = workload.everyNode ? style.red(' — on every node') : '';
      lines.push(`      ${safe(objectKey(workload.object))}${every}: ${workload.nodeEscapes.join(', ')}`);
    }
  }
  return lines;
}

function findingLines(findings: readonly Finding[], style: Style, limit: number): string[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  // Ranked by risk (likelihood × impact from the attack graph) when there is one, then by severity.
  for (const group of byRule.values()) group.sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0));
  const groups = [...byRule.values()].sort(
    (a, b) => (b[0].risk?.score ?? 0) - (a[0].risk?.score ?? 0) || severityRank(maxSeverity(b)) - severityRank(maxSeverity(a)) || b.length - a.length || (a[0].ruleId < b[0].ruleId ? -1 : 1),
  );
  const lines: string[] = [];
  for (const group of groups) {
    const first = group[0];
    lines.push(`    ${severityTag(maxSeverity(group), style)} ${style.bold(first.title)} ${style.dim(`${first.ruleId} · ${first.stride.join(', ')} · ${group.length}×`)}`);
    const shown = limit > 0 ? group.slice(0, limit) : group;
    for (const finding of shown) {
      // Line 0: the finding is about the estate as a whole, not about a place in a file.
      const position = finding.location.line > 0 ? `:${finding.location.line}:${finding.location.column}` : '';
      const where = `${finding.location.file}${position}${finding.location.helmTemplate ? ` (${finding.location.helmTemplate})` : ''}`;
      lines.push(`      • ${safe(finding.message)}`);
      lines.push(`        ${style.dim(`${safe(finding.path)}  ${safe(where)}`)}`);
      if (finding.risk) lines.push(`        ${style.dim(`risk ${finding.risk.level} (${finding.risk.score}/16): ${safe(finding.risk.reasons.join('; '))}`)}`);
      if (finding.expiredAcceptance) {
        const expired = finding.expiredAcceptance;
        lines.push(`        ${style.yellow(`accepted until ${expired.expires} (${safe(expired.source.file)}:${expired.source.line}), no longer: ${safe(expired.reason)}`)}`);
      }
    }
    if (shown.length < group.length) lines.push(style.dim(`      … and ${group.length - shown.length} more (see --format json)`));
    lines.push(`      ${style.green('→')} ${first.remediation}`);
  }
  return lines;
}

/** The attack graph's most likely paths, each step with its technique and where its evidence is. */
function attackPathLines(model: ThreatModel, style: Style, shown = 5): string[] {
  const paths = model.attackPaths ?? [];
  if (paths.length === 0) return [];
  const lines = [style.bold(style.cyan('Most likely attack paths')) + style.dim(`  (kubethreat paths shows more, with every piece of evidence)`)];
  paths.slice(0, shown).forEach((path, index) => {
    lines.push(`  ${index + 1}. ${style.bold(safe(`${path.from} → ${path.to}`))} ${style.dim(`likelihood ${Math.round(path.likelihood * 100)}%, ${path.steps.length} step${path.steps.length === 1 ? '' : 's'}`)}`);
    for (const step of path.steps) {
      const where = step.location && step.location.line > 0 && !step.location.file.startsWith('<') ? `  ${step.location.file}:${step.location.line}` : '';
      lines.push(`     → ${safe(step.to)} ${style.dim(`${step.technique}${safe(where)}`)}`);
    }
  });
  for (const note of model.attackGraph?.notes ?? []) lines.push(style.dim(`  Note: ${safe(note)}`));
  lines.push('');
  return lines;
}

/** One line per accepted finding: what, why, until when and who, and where the decision is written. */
function acceptedLines(accepted: readonly AcceptedFinding[], style: Style): string[] {
  if (accepted.length === 0) return [];
  const lines = [style.bold(`Accepted risks (${accepted.length}), not counted in the summary or for --fail-on`)];
  for (const finding of accepted) {
    const { acceptance } = finding;
    const subject = `${objectKey(finding.object)}${finding.container !== undefined ? ` (container ${finding.container})` : ''}`;
    const who = acceptance.owner !== undefined ? `, ${acceptance.owner}` : '';
    lines.push(`  ${severityTag(finding.severity, style)} ${finding.ruleId}  ${safe(subject)}: ${safe(acceptance.reason)}`);
    lines.push(`           ${style.dim(`until ${acceptance.expires}${safe(who)} · ${safe(acceptance.source.file)}:${acceptance.source.line}`)}`);
  }
  lines.push('');
  return lines;
}

function maxSeverity(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((highest, finding) => (severityRank(finding.severity) > severityRank(highest) ? finding.severity : highest), 'info');
}

function severityTag(severity: Severity, style: Style): string {
  const text = severity.toUpperCase().padEnd(8);
  if (severity === 'critical' || severity === 'high') return style.red(style.bold(text));
  if (severity === 'medium') return style.yellow(text);
  return style.dim(text);
}

function summaryLine(model: ThreatModel, style: Style): string {
  const counts = [...SEVERITIES]
    .reverse()
    .filter((severity) => model.summary.bySeverity[severity] > 0)
    .map((severity) => `${model.summary.bySeverity[severity]} ${severity}`);
  const skipped = model.problems.filter((problem) => problem.severity !== 'notice').length;
  const accepted = model.accepted?.length ?? 0;
  const tail = `${accepted > 0 ? `; ${accepted} accepted` : ''}${skipped > 0 ? `; ${skipped} input problem${skipped === 1 ? '' : 's'} (see above)` : ''}`;
  return style.bold(`Summary: ${model.summary.total} finding${model.summary.total === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''}${tail}`);
}
