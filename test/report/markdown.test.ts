/** The Markdown threat-model document: its sections, its Mermaid map, and hostile names kept as text. */
import { describe, expect, it } from 'vitest';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { summarize } from '../../src/engine/analyze.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { estateModel, hostileModel, withAnalyses } from './model.js';
import { findingWith } from '../../src/engine/finding.js';
import { analyzeText } from '../../src/testing/scan-text.js';
import { teamDeployments } from '../../src/testing/team-deployments.js';

const headings = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));

describe('the Markdown threat model', () => {
  it('counts the scopes of a control held in many namespaces, with a row for each namespace where it is missing', () => {
    const rows = renderMarkdown(analyzeText(teamDeployments(30, 10)))
      .split('\n')
      .filter((line) => line.startsWith('| Pods cannot cross into their node |'));
    expect(rows).toEqual([
      '| Pods cannot cross into their node | `team-00` | ❌ missing | 1 of 1 workloads can reach the node: web |',
      '| Pods cannot cross into their node | `team-10` | ❌ missing | 1 of 1 workloads can reach the node: web |',
      '| Pods cannot cross into their node | `team-20` | ❌ missing | 1 of 1 workloads can reach the node: web |',
      '| Pods cannot cross into their node | 3 of 30 scopes | ❌ missing | — |',
      '| Pods cannot cross into their node | 27 of 30 scopes | ✅ present | — |',
    ]);
  });

  it('follows a threat-modelling review: scope, assets, entry points, boundaries, threats, risks, measures, accepted risks', () => {
    expect(headings(renderMarkdown(estateModel()))).toEqual([
      'Scope',
      'Assets and crown jewels',
      'Entry points',
      'Trust boundaries',
      'Threats by STRIDE and trust boundary',
      'Risks',
      'Persistence',
      'Measures',
      'Accepted risks',
      'Not analysed',
    ]);
  });

  it('says what is not analysed yet instead of leaving entry points and likelihood blank', () => {
    const markdown = renderMarkdown(estateModel());
    expect(markdown).toContain('Internet exposure (LoadBalancer and NodePort Services, Ingresses, hostPort listeners) is not analysed');
    expect(markdown).toContain('Likelihood × impact per finding comes with the attack graph');
    expect(markdown).not.toContain('| Likelihood |');
  });

  it('adds the sections of later analyses when the model has them, with likelihood and impact in the risks', () => {
    const markdown = renderMarkdown(withAnalyses(estateModel()));
    expect(headings(markdown)).toEqual(expect.arrayContaining(['Attack paths', 'RBAC subjects', 'Network reachability between namespaces']));
    expect(markdown).toContain('| # | Threat | Severity | Likelihood | Impact | Risk | Instances | Boundary |');
    expect(markdown).toContain('| Ingress shop/public | Ingress | `Deployment/shop/api` |');
    expect(markdown).toContain('internet -->|"Ingress"|');
    expect(markdown).toMatch(/1\. internet → Deployment\/shop\/api: exploit exposed workload \(`test\/report\/fixtures\/estate\.yaml:26`\)/);
    // The first finding carries the attack graph's risk: its level fills the Risk column and its reasons its instance.
    expect(markdown).toMatch(/\| 4 \| 4 \| critical \| \d+ \|/);
    expect(markdown).toMatch(/^- Container agent of DaemonSet tools\/log-agent runs privileged .* — reachable from the internet &lt;b&gt;$/m);
  });

  it('draws the boundaries in Mermaid: namespaces in the cluster, node escapes as red edges', () => {
    const markdown = renderMarkdown(estateModel());
    const mermaid = markdown.slice(markdown.indexOf('```mermaid'), markdown.indexOf('```', markdown.indexOf('```mermaid') + 3));
    expect(mermaid).toContain('subgraph cluster["Cluster: cluster"]');
    expect(mermaid).toMatch(/subgraph ns\d\["namespace shop \(\d+\)"\]/);
    expect(mermaid).toMatch(/w\d_\d -->\|"privileged-container"\| pool0/);
    expect(mermaid).toContain('linkStyle 0 stroke:#d33');
  });

  it('gives every measure an owner column to fill in', () => {
    const markdown = renderMarkdown(estateModel());
    expect(markdown).toContain('| # | Measure | Threat | Instances | Owner | Due |');
    const rows = markdown.split('\n').filter((line) => /^\| \d+ \| /.test(line) && line.endsWith('|   |   |'));
    expect(rows.length).toBe(new Set(estateModel().findings.map((finding) => finding.ruleId)).size);
  });

  it('keeps hostile names as text: no HTML, no link, no broken table, no broken Mermaid label', () => {
    const markdown = renderMarkdown(withAnalyses(hostileModel()));
    // Code spans show their content verbatim (CommonMark): outside them, no tag may survive.
    const outsideCode = markdown.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/<(script|img|svg|b)\b/i);
    expect(markdown).toContain('`Deployment/<script>alert(1)</script>/"><img src=x onerror=alert(1)>`');
    expect(markdown).not.toMatch(/[^\\]\[link\]\(javascript/);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const mermaid = markdown.slice(markdown.indexOf('```mermaid'), markdown.indexOf('```', markdown.indexOf('```mermaid') + 3));
    for (const line of mermaid.split('\n')) {
      for (const label of [...line.matchAll(/\["(.*?)"\]/g)].map((match) => match[1].replaceAll('<br/>', ''))) expect(label).not.toMatch(/["<>]/);
    }
    // Every row of a table has as many cells as its header: no name can add or remove a column.
    let columns = 0;
    let previous = '';
    for (const line of markdown.split('\n')) {
      if (line.startsWith('|')) {
        const cells = line.split(/(?<!\\)\|/).length;
        if (!previous.startsWith('|')) columns = cells;
        expect(cells, line).toBe(columns);
      }
      previous = line;
    }
  });

  it('lists at most 25 instances per threat on a large estate', () => {
    const base = estateModel();
    const template = base.findings.find((finding) => finding.ruleId === 'read-only-root-filesystem');
    if (!template) throw new Error('fixture has no read-only-root-filesystem finding');
    const findings = Array.from({ length: 400 }, (_, index) => findingWith(template, { message: `Instance ${index}`, fingerprint: `x@${index}` }));
    const model: ThreatModel = { ...base, findings, summary: summarize(findings) };
    const markdown = renderMarkdown(model);
    expect(markdown.match(/^- Instance \d+/gm)).toHaveLength(25);
    expect(markdown).toContain('- … and 375 more (see `--format json`)');
  });

  it('matches its snapshot', async () => {
    await expect(renderMarkdown(estateModel())).toMatchFileSnapshot('__snapshots__/estate.md');
  });
});
