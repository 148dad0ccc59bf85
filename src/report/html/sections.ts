/**
 * The server-rendered sections of the HTML report: summary numbers, the boundary map, the controls matrix, the
 * optional analyses, persistence, the rule legend and skipped input. Each is one function from the model to HTML;
 * one that has nothing to show returns an empty string. Every input string passes through escapeHtml.
 */
import type { ControlState, ThreatModel } from '../../engine/threat-model.js';
import { formatProblem } from '../../load/problems.js';
import { BOUNDARIES, BOUNDARY_DESCRIPTIONS, BOUNDARY_TITLES, SEVERITIES, STRIDE_TITLES } from '../../taxonomy/index.js';
import { boundaryMap } from '../boundary-map.js';
import { readAttackPaths, readNamespaceMatrix, readRbacSubjects } from '../extensions.js';
import { compareFindings, compareText, groupBy, plural, rulesOf } from '../present.js';
import { escapeHtml } from './escape.js';
import { mapSvg } from './map-svg.js';
import { pathSvg } from './paths-svg.js';

export type HtmlSection = (model: ThreatModel) => string;

export function summarySection(model: ThreatModel): string {
  const card = (name: string, label: string, value: number, extra = ''): string =>
    `<div class="card${extra}" data-count="${name}"><span class="value">${value}</span><span class="label">${escapeHtml(label)}</span></div>`;
  const severities = [...SEVERITIES].reverse().map((severity) => card(severity, severity, model.summary.bySeverity[severity], ` sev-${severity}`));
  const skipped = model.problems.filter((problem) => problem.severity !== 'notice').length;
  return `<section id="summary"><h2>Summary</h2><div class="cards">${card('total', 'findings', model.summary.total, ' total')}${severities.join('')}</div>
<div class="cards scope">${card('objects', 'objects', model.scope.objects)}${card('workloads', 'workloads', model.scope.workloads)}${card('namespaces', 'namespaces', model.scope.namespaces.length)}${card('rules', 'rules run', model.rules.length)}${card('problems', 'input problems', skipped)}${model.platform.hidden > 0 ? card('platform', 'platform findings not shown', model.platform.hidden) : ''}</div>
<table class="by-boundary"><thead><tr><th>Boundary</th><th>Findings</th><th>What it separates</th></tr></thead><tbody>${BOUNDARIES.map((boundary) => `<tr data-boundary="${boundary}"><td>${escapeHtml(BOUNDARY_TITLES[boundary])}</td><td class="num">${model.summary.byBoundary[boundary]}</td><td>${escapeHtml(BOUNDARY_DESCRIPTIONS[boundary])}</td></tr>`).join('')}</tbody></table></section>`;
}

export function mapSection(model: ThreatModel): string {
  return `<section id="map"><h2>Trust boundaries</h2><p class="hint">Namespaces inside the cluster, workloads inside namespaces (dot: worst finding; right: Pod Security level), node pools below. Red lines: workloads that can cross into their nodes; a blue bar marks a workload reached from the internet.</p><div class="scroll">${mapSvg(boundaryMap(model))}</div></section>`;
}

const STATUS_MARK: Record<ControlState['status'], string> = { present: '✔', weak: '◐', missing: '✘', 'not-applicable': '–' };

export function controlsSection(model: ThreatModel): string {
  const tables = model.controls
    .filter((entry) => entry.controls.length > 0)
    .map((entry) => {
      const scopes = [...new Set(entry.controls.map((control) => control.scope))].sort((a, b) => (a === 'cluster' ? -1 : b === 'cluster' ? 1 : compareText(a, b)));
      const rows = groupBy(entry.controls, (control) => control.control);
      const body = [...rows.values()]
        .map((controls) => {
          const cells = scopes.map((scope) => {
            const state = controls.find((control) => control.scope === scope);
            if (!state) return '<td class="status none"></td>';
            return `<td class="status ${state.status}" title="${escapeHtml(state.evidence)}"><span class="mark">${STATUS_MARK[state.status]}</span> ${escapeHtml(state.status === 'not-applicable' ? 'not applicable' : state.status)}<span class="evidence">${escapeHtml(state.evidence)}</span></td>`;
          });
          return `<tr><th scope="row">${escapeHtml(controls[0].title)}</th>${cells.join('')}</tr>`;
        })
        .join('');
      return `<h3>${escapeHtml(BOUNDARY_TITLES[entry.boundary])}</h3><div class="scroll"><table class="controls" data-boundary="${entry.boundary}"><thead><tr><th>Control</th>${scopes.map((scope) => `<th>${escapeHtml(scope)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`;
    });
  return `<section id="controls"><h2>Controls per boundary</h2><p class="hint">✔ present · ◐ weak · ✘ missing · – not applicable, per cluster and namespace, each with its evidence.</p>${tables.join('')}</section>`;
}

export function attackPathsSection(model: ThreatModel): string {
  const paths = readAttackPaths(model);
  if (!paths) return '';
  if (paths.length === 0) return '<section id="paths"><h2>Attack paths</h2><p>No path from an entry point to a crown jewel was found.</p></section>';
  const items = paths.map(
    (path, index) =>
      `<figure class="path"><figcaption>${index + 1}. ${escapeHtml(path.title)}${path.rank ? ` <span class="rank">${escapeHtml(path.rank)}</span>` : ''}</figcaption><div class="scroll">${pathSvg(path, index)}</div><ol>${path.steps.map((step) => `<li>${escapeHtml(step.from)} → ${escapeHtml(step.to)}: ${escapeHtml(step.technique)}${step.location ? ` <code>${escapeHtml(step.location)}</code>` : ''}</li>`).join('')}</ol></figure>`,
  );
  return `<section id="paths"><h2>Attack paths</h2>${items.join('')}</section>`;
}

export function rbacSection(model: ThreatModel): string {
  const subjects = readRbacSubjects(model);
  if (!subjects || subjects.length === 0) return '';
  const rows = subjects.map((subject) => `<tr><td><code>${escapeHtml(subject.subject)}</code></td><td>${escapeHtml(subject.risk)}</td><td>${escapeHtml(subject.detail)}</td></tr>`).join('');
  return `<section id="rbac"><h2>RBAC subjects</h2><table><thead><tr><th>Subject</th><th>Risk</th><th>Detail</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function networkSection(model: ThreatModel): string {
  const matrix = readNamespaceMatrix(model);
  if (!matrix) return '';
  const head = `<tr><th>from \\ to</th>${matrix.namespaces.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr>`;
  const rows = matrix.namespaces.map((from, index) => `<tr><th scope="row">${escapeHtml(from)}</th>${matrix.cells[index].map((cell) => `<td class="reach ${cell === 'all' ? 'all' : cell === 'some' ? 'some' : 'none'}">${escapeHtml(cell === 'none' ? '·' : cell)}</td>`).join('')}</tr>`);
  return `<section id="network"><h2>Network reachability between namespaces</h2><div class="scroll"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

export function persistenceSection(model: ThreatModel): string {
  const findings = model.findings.filter((finding) => finding.persistence).sort(compareFindings);
  if (findings.length === 0) return '';
  const items = [...groupBy(findings, (finding) => finding.ruleId).values()].map(
    (group) => `<li><span class="sev sev-${group[0].severity}">${group[0].severity}</span> <strong>${escapeHtml(group[0].title)}</strong> <span class="muted">${escapeHtml(group[0].ruleId)} · ${group.length}×</span><div class="measure">${escapeHtml(group[0].remediation)}</div></li>`,
  );
  return `<section id="persistence"><h2>Persistence</h2><p class="hint">Threats that let an attacker keep access once inside, or leave no trace.</p><ul class="plain">${items.join('')}</ul></section>`;
}

export function rulesSection(model: ThreatModel): string {
  const items = rulesOf(model).map(
    (rule) =>
      `<details class="rule" id="rule-${escapeHtml(rule.id)}"><summary><span class="sev sev-${rule.severity}">${rule.severity}</span> ${escapeHtml(rule.title)} <code>${escapeHtml(rule.id)}</code> <span class="count">${model.summary.byRule[rule.id] ?? 0}</span></summary><p><strong>${escapeHtml(BOUNDARY_TITLES[rule.boundary])}</strong> · ${rule.stride.map((category) => escapeHtml(STRIDE_TITLES[category])).join(', ')}</p><p>${escapeHtml(rule.rationale)}</p><p class="measure">${escapeHtml(rule.remediation)}</p></details>`,
  );
  return `<section id="rules"><h2>Rules that ran</h2>${items.join('')}</section>`;
}

export function problemsSection(model: ThreatModel): string {
  const platform = model.platform.hidden > 0 ? `<p class="muted">${plural(model.platform.hidden, 'finding')} on the cluster's own components are not shown; <code>--include-platform</code> shows them.</p>` : '';
  if (model.problems.length === 0) return platform ? `<section id="skipped"><h2>Not shown</h2>${platform}</section>` : '';
  const items = model.problems.map((problem) => `<li class="problem ${problem.severity}">${escapeHtml(formatProblem(problem))}</li>`).join('');
  return `<section id="skipped"><h2>Skipped or not analysed</h2><ul>${items}</ul>${platform}</section>`;
}
