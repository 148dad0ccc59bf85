/**
 * `--format html`: the threat model as one self-contained page. No network, works from file://: the styles and the
 * script are inline and the Content-Security-Policy allows exactly them (by hash) and nothing else, so even a name
 * that slipped past escaping could not load or run anything. The findings travel as JSON in a data block.
 */
import type { ThreatModel } from '../../engine/threat-model.js';
import { BOUNDARIES, BOUNDARY_TITLES, SEVERITIES } from '../../taxonomy/index.js';
import { CLIENT_SCRIPT } from './client.js';
import { pageData, type PageData } from './data.js';
import { cspHash, escapeHtml, jsonForScript } from './escape.js';
import { attackPathsSection, controlsSection, mapSection, networkSection, persistenceSection, problemsSection, rbacSection, rulesSection, summarySection, type HtmlSection } from './sections.js';
import { STYLE } from './style.js';
import { kubernetesVersionsText } from '../present.js';

/** The page, in reading order; the findings table sits after the drawings. A new analysis adds its section here. */
const SECTIONS_BEFORE_FINDINGS: readonly HtmlSection[] = [summarySection, mapSection, attackPathsSection, controlsSection, rbacSection, networkSection, persistenceSection];
const SECTIONS_AFTER_FINDINGS: readonly HtmlSection[] = [rulesSection, problemsSection];

export function renderHtml(model: ThreatModel): string {
  // Our own text (hashes and keywords): it holds no double quote, so it goes into the attribute as it is.
  const csp = [`default-src 'none'`, `script-src ${cspHash(CLIENT_SCRIPT)}`, `style-src ${cspHash(STYLE)}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  const scope = model.scope;
  const data = pageData(model);
  const title = `Threat model: ${scope.clusters.length > 0 ? scope.clusters.join(', ') : `${scope.objects} objects`}`;
  const versions = kubernetesVersionsText(model);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kubethreat ${escapeHtml(model.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="muted">kubethreat ${escapeHtml(model.tool.version)} · ${escapeHtml(model.generatedAt)} · ${scope.files.length} inputs, ${scope.objects} objects, ${scope.workloads} workloads, ${scope.namespaces.length} namespaces${versions !== undefined ? ` · Kubernetes ${escapeHtml(versions)}` : ''}</div>
<nav><a href="#summary">Summary</a><a href="#map">Boundaries</a><a href="#controls">Controls</a><a href="#findings">Findings</a><a href="#rules">Rules</a></nav>
</header>
<main>
${SECTIONS_BEFORE_FINDINGS.map((section) => section(model)).filter(Boolean).join('\n')}
${findingsSection(data)}
${SECTIONS_AFTER_FINDINGS.map((section) => section(model)).filter(Boolean).join('\n')}
</main>
<script type="application/json" id="kt-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** The findings table's frame; the page's script fills it from the data block. */
function findingsSection(data: PageData): string {
  const options = (values: readonly string[], label: (value: string) => string): string => values.map((value) => `<option value="${value}">${escapeHtml(label(value))}</option>`).join('');
  return `<section id="findings"><h2>Findings</h2>
<div class="filters">
<input type="search" id="search" placeholder="Search message, object, field, file, rule…" aria-label="Search findings">
<select id="filter-severity" aria-label="Severity"><option value="">every severity</option>${options([...SEVERITIES].reverse(), (value) => value)}</select>
<select id="filter-boundary" aria-label="Boundary"><option value="">every boundary</option>${options(BOUNDARIES, (value) => BOUNDARY_TITLES[value as (typeof BOUNDARIES)[number]])}</select>
<select id="filter-namespace" aria-label="Namespace"><option value="">every namespace</option></select>
<select id="filter-rule" aria-label="Rule"><option value="">every rule</option></select>
<label><input type="checkbox" id="filter-persistence"> persistence only</label>
<span id="match-count" class="muted"></span>
</div>
${
  data.findings.length < data.total
    ? `<p class="hint" id="findings-left-off">This page holds the ${data.findings.length.toLocaleString('en')} most severe of ${data.total.toLocaleString('en')} findings, so that it opens in a browser. The JSON report (--format json) and SARIF have every finding.</p>\n`
    : ''
}<noscript><p>The findings table needs JavaScript; the JSON report (--format json) has the same findings.</p></noscript>
<div class="scroll"><table id="findings-table"><thead><tr><th>Severity</th><th>Threat</th><th>Object</th><th>Namespace</th><th>Boundary</th><th>Location</th></tr></thead><tbody id="findings-body"></tbody></table></div>
<p id="no-findings" class="muted" hidden>No finding matches.</p>
<div class="pager"><button type="button" id="page-prev">← previous</button><span id="page-info" class="muted"></span><button type="button" id="page-next">next →</button></div>
</section>`;
}
