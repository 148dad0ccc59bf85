/** The Markdown document's threat sections: STRIDE per boundary, risks, measures, accepted risks and the optional analyses. */
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { BOUNDARIES, BOUNDARY_TITLES, SEVERITY_TITLES, STRIDE, STRIDE_TITLES, severityRank, type Severity } from '../taxonomy/index.js';
import { readAcceptedRisks, readAttackPaths, readNamespaceMatrix, readRbacSubjects, readRisk } from './extensions.js';
import { mdCode, mdParagraph, mdTable, mdText } from './markdown-text.js';
import { compareFindings, compareText, formatLocation, groupBy, highestOf, isFile, plural, ruleInfo } from './present.js';

/** Instances listed per threat before "… and N more": the document stays readable for large estates. */
const INSTANCES_PER_THREAT = 25;

interface Threat {
  ruleId: string;
  title: string;
  findings: Finding[];
  /** The most severe of its findings'. */
  highest: Severity;
}

const threatsCache = new WeakMap<ThreatModel, Threat[]>();

/** Findings grouped by rule, most severe first, then most frequent. Made once per model: three sections list them. */
function threatsOf(model: ThreatModel): Threat[] {
  const known = threatsCache.get(model);
  if (known !== undefined) return known;
  const groups = groupBy([...model.findings].sort(compareFindings), (finding) => finding.ruleId);
  const threats = [...groups.entries()]
    .map(([ruleId, findings]): Threat => ({ ruleId, title: findings[0].title, findings, highest: highestOf(findings) ?? 'info' }))
    .sort((a, b) => severityRank(b.highest) - severityRank(a.highest) || b.findings.length - a.findings.length || compareText(a.ruleId, b.ruleId));
  threatsCache.set(model, threats);
  return threats;
}

/** How many findings fall in each boundary and STRIDE category, in one pass over the findings. */
function strideCounts(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    for (const category of finding.stride) {
      const key = `${finding.boundary} ${category}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

export function threatsSection(model: ThreatModel): string[] {
  const lines = ['## Threats by STRIDE and trust boundary', ''];
  if (model.findings.length === 0) return [...lines, 'No threat was found in the input by the rules that ran.'];
  lines.push('Findings per boundary and STRIDE category (a finding can fall in several categories).', '');
  const counts = strideCounts(model.findings);
  const rows = BOUNDARIES.map((boundary) => [
    BOUNDARY_TITLES[boundary],
    ...STRIDE.map((category) => {
      const count = counts.get(`${boundary} ${category}`) ?? 0;
      return count > 0 ? String(count) : '·';
    }),
  ]);
  lines.push(...mdTable(['Boundary', ...STRIDE.map((category) => STRIDE_TITLES[category])], rows));
  const threats = threatsOf(model);
  for (const boundary of BOUNDARIES) {
    const here = threats.filter((threat) => threat.findings[0].boundary === boundary);
    if (here.length === 0) continue;
    lines.push('', `### ${BOUNDARY_TITLES[boundary]}`, '');
    for (const category of STRIDE) {
      const inCategory = here.filter((threat) => threat.findings[0].stride.includes(category));
      if (inCategory.length === 0) continue;
      lines.push(`- **${STRIDE_TITLES[category]}:** ${inCategory.map((threat) => `${mdText(threat.title)} (${mdCode(threat.ruleId)}, ${threat.findings.length}×)`).join('; ')}`);
    }
  }
  return lines;
}

export function risksSection(model: ThreatModel): string[] | undefined {
  if (model.findings.length === 0) return undefined;
  const threats = threatsOf(model);
  const withRisk = model.findings.some((finding) => readRisk(finding) !== undefined);
  const lines = ['## Risks', ''];
  lines.push(
    withRisk
      ? 'Ranked by severity; likelihood and impact come from the attack graph (exposure, reachability, what a compromise reaches).'
      : "Ranked by severity, the rule's judgement of how bad the weakness is. Likelihood × impact per finding comes with the attack graph: until then, weigh each risk by what you know of its exposure.",
    '',
  );
  const headers = ['#', 'Threat', 'Severity', ...(withRisk ? ['Likelihood', 'Impact', 'Risk'] : []), 'Instances', 'Boundary'];
  const rows = threats.map((threat, index) => {
    const risks = threat.findings.map(readRisk).filter((risk) => risk !== undefined);
    const distinct = (key: 'likelihood' | 'impact' | 'risk'): string => [...new Set(risks.map((risk) => risk[key]).filter((value): value is string => value !== undefined))].map(mdText).join(', ') || '—';
    return [
      String(index + 1),
      `${mdText(threat.title)} (${mdCode(threat.ruleId)})`,
      SEVERITY_TITLES[threat.highest],
      ...(withRisk ? [distinct('likelihood'), distinct('impact'), distinct('risk')] : []),
      String(threat.findings.length),
      BOUNDARY_TITLES[threat.findings[0].boundary],
    ];
  });
  lines.push(...mdTable(headers, rows));
  for (const threat of threats) {
    const rule = ruleInfo(threat.ruleId, threat.findings[0]);
    lines.push('', `### ${mdText(threat.title)}`, '');
    lines.push(`${mdCode(threat.ruleId)} · ${SEVERITY_TITLES[threat.highest]} · ${threat.findings[0].stride.map((category) => STRIDE_TITLES[category]).join(', ')}`);
    if (rule.rationale) lines.push('', mdParagraph(rule.rationale));
    lines.push('', `<details><summary>${plural(threat.findings.length, 'instance')}</summary>`, '');
    for (const finding of threat.findings.slice(0, INSTANCES_PER_THREAT)) lines.push(instanceLine(finding));
    if (threat.findings.length > INSTANCES_PER_THREAT) lines.push(`- … and ${threat.findings.length - INSTANCES_PER_THREAT} more (see \`--format json\`)`);
    lines.push('', '</details>');
  }
  return lines;
}

function instanceLine(finding: Finding): string {
  const where = isFile(finding.location.file) ? ` at ${mdCode(formatLocation(finding.location))}` : '';
  const template = finding.location.helmTemplate ? ` (Helm template ${mdCode(finding.location.helmTemplate)})` : '';
  const field = finding.path ? ` — ${mdCode(finding.path)}` : '';
  const risk = readRisk(finding)?.reason;
  return `- ${mdText(finding.message)}${field}${where}${template}${risk ? ` — ${mdText(risk)}` : ''}`;
}

export function measuresSection(model: ThreatModel): string[] | undefined {
  if (model.findings.length === 0) return undefined;
  const lines = ['## Measures', '', 'One measure per threat, most severe first. Fill in who owns each one and by when.', ''];
  const rows = threatsOf(model).map((threat, index) => [
    String(index + 1),
    mdText(threat.findings[0].remediation),
    `${mdText(threat.title)} (${mdCode(threat.ruleId)})`,
    String(threat.findings.length),
    '',
    '',
  ]);
  lines.push(...mdTable(['#', 'Measure', 'Threat', 'Instances', 'Owner', 'Due'], rows));
  return lines;
}

export function persistenceSection(model: ThreatModel): string[] | undefined {
  const findings = model.findings.filter((finding) => finding.persistence);
  if (findings.length === 0) return undefined;
  const lines = ['## Persistence', '', 'Threats that let an attacker keep access once inside, or leave no trace of it.', ''];
  const groups = groupBy([...findings].sort(compareFindings), (finding) => finding.ruleId);
  for (const group of groups.values()) lines.push(`- **${mdText(group[0].title)}** (${mdCode(group[0].ruleId)}, ${group.length}×): ${mdText(group[0].remediation)}`);
  return lines;
}

export function attackPathsSection(model: ThreatModel): string[] | undefined {
  const paths = readAttackPaths(model);
  if (!paths) return undefined;
  const lines = ['## Attack paths', ''];
  if (paths.length === 0) return [...lines, 'No path from an entry point to a crown jewel was found.'];
  paths.forEach((path, index) => {
    lines.push(`### ${index + 1}. ${mdText(path.title)}${path.rank ? ` (${mdText(path.rank)})` : ''}`, '');
    path.steps.forEach((step, position) => {
      lines.push(`${position + 1}. ${mdText(step.from)} → ${mdText(step.to)}: ${mdText(step.technique)}${step.location ? ` (${mdCode(step.location)})` : ''}`);
    });
    lines.push('');
  });
  return lines.slice(0, -1);
}

export function rbacSection(model: ThreatModel): string[] | undefined {
  const subjects = readRbacSubjects(model);
  if (!subjects || subjects.length === 0) return undefined;
  return ['## RBAC subjects', '', ...mdTable(['Subject', 'Risk', 'Detail'], subjects.map((subject) => [mdCode(subject.subject), mdText(subject.risk), mdText(subject.detail)]))];
}

export function networkSection(model: ThreatModel): string[] | undefined {
  const matrix = readNamespaceMatrix(model);
  if (!matrix) return undefined;
  const rows = matrix.namespaces.map((from, index) => [mdCode(from), ...matrix.cells[index].map((cell) => (cell === 'all' ? 'all' : cell === 'some' ? 'some' : '·'))]);
  return ['## Network reachability between namespaces', '', 'Rows reach columns: whether all, some or none of the pods of one namespace can open a connection to the pods of another.', '', ...mdTable(['from \\ to', ...matrix.namespaces.map(mdCode)], rows)];
}

export function acceptedRisksSection(model: ThreatModel): string[] {
  const lines = ['## Accepted risks', '', 'Threats the owners decided to live with, and why. Record each decision here (a risk accepted today is reviewed again by its date).', ''];
  // With no decision recorded yet, an empty row invites the reviewers to write theirs.
  const accepted = readAcceptedRisks(model) ?? [];
  const rows = accepted.map((risk) => [`${mdText(risk.title)} (${mdCode(risk.ruleId)})`, mdCode(risk.subject), mdText(risk.reason), mdText(risk.owner ?? ''), mdText(risk.expires)]);
  lines.push(...mdTable(['Threat', 'Object', 'Reason', 'Accepted by', 'Review by'], rows.length > 0 ? rows : [['', '', '', '', '']]));
  if (model.platform.hidden > 0) {
    const rules = Object.entries(model.platform.byRule).map(([id, count]) => `${mdCode(id)} ${count}×`).join(', ');
    lines.push('', `Left out of this document: ${plural(model.platform.hidden, 'finding')} on the cluster's own components (${rules}). They are the platform's risk, owned by whoever runs the cluster; \`--include-platform\` lists them.`);
  }
  return lines;
}

