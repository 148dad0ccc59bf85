import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import { renderMarkdown } from './markdown.js';
import { compareFindings, kubernetesVersionsText, rulesOf } from './present.js';
import { renderReport } from './index.js';
import { findingWith } from '../engine/finding.js';

// Two containers whose names sort the other way round from their places in the list.
const TWO_CONTAINERS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: web }
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - { name: web, image: web:1 }
        - { name: app, image: app:1 }
`;

describe('the order of findings in the reports', () => {
  const model = analyzeText(TWO_CONTAINERS);

  it("is the engine's: the JSON report's order, containers by name before fields", () => {
    expect(model.findings.length).toBeGreaterThan(10);
    expect([...model.findings].reverse().sort(compareFindings)).toEqual(model.findings);
  });

  it('lists the container app before web in the Markdown report, as in the JSON report', () => {
    const runAsRoot = model.findings.filter((finding) => finding.ruleId === 'run-as-root');
    expect(runAsRoot.map((finding) => finding.container)).toEqual(['app', 'web']);
    const markdown = renderMarkdown(model);
    const section = markdown.slice(markdown.indexOf(runAsRoot[0].title));
    expect(section.indexOf('Container app')).toBeGreaterThan(-1);
    expect(section.indexOf('Container app')).toBeLessThan(section.indexOf('Container web'));
  });
});

describe('the rules a report describes', () => {
  it('are the rules that ran and those its findings name, by id; an unknown rule is described by its first finding', () => {
    const model = analyzeText(TWO_CONTAINERS);
    const [first, second] = model.findings;
    const legacy = [
      findingWith(first, { ruleId: 'a-legacy-rule', title: 'First legacy title', severity: 'high' as const }),
      findingWith(second, { ruleId: 'a-legacy-rule', title: 'Second legacy title', severity: 'low' as const }),
    ];
    const rules = rulesOf({ ...model, findings: [...model.findings, ...legacy] });
    expect(rules.map((rule) => rule.id)).toEqual([...new Set(['a-legacy-rule', ...model.rules])].sort());
    expect(rules[0]).toMatchObject({ id: 'a-legacy-rule', title: 'First legacy title', severity: 'high' });
    expect(rules.find((rule) => rule.id === 'run-as-root')?.title).toBe('Container may run as root');
  });
});


describe("the cluster's Kubernetes version in the reports", () => {
  const base = analyzeText(TWO_CONTAINERS);
  const reported = { ...base, scope: { ...base.scope, kubernetesVersions: [{ cluster: 'prod', version: 'v1.31.2-eks-\u001b[31m2a5b3c', from: 'server' as const }] } };

  it('names it, and where it came from, in the terminal, Markdown, HTML and SARIF reports', async () => {
    expect(kubernetesVersionsText(reported)).toBe('v1.31.2-eks-\u001b[31m2a5b3c, reported by the API server');
    const terminal = await renderReport(reported, 'terminal', { color: false });
    // The API server wrote it: its control characters are not passed to the terminal.
    expect(terminal.split('\n')[1]).toMatch(/^Kubernetes v1\.31\.2-eks-.*2a5b3c, reported by the API server$/);
    expect(terminal).not.toContain('\u001b[31m');
    expect(await renderReport(reported, 'markdown', { color: false })).toContain('- **Kubernetes:** v1.31.2-eks-');
    expect(await renderReport(reported, 'html', { color: false })).toContain('· Kubernetes v1.31.2-eks-');
    const sarif = JSON.parse(await renderReport(reported, 'sarif', { color: false })) as { runs: Array<{ properties: { scope: Record<string, unknown> } }> };
    expect(sarif.runs[0].properties.scope.kubernetesVersions).toEqual(reported.scope.kubernetesVersions);
  });

  it('names each cluster when there are several, and the flag or the config file when they gave the version', () => {
    const several = { ...base, scope: { ...base.scope, kubernetesVersions: [{ cluster: 'dev', version: 'v1.30', from: 'flag' as const }, { cluster: 'prod', version: 'v1.30', from: 'flag' as const }] } };
    expect(kubernetesVersionsText(several)).toBe('dev v1.30, prod v1.30 (--kubernetes-version)');
    const configured = { ...base, scope: { ...base.scope, kubernetesVersions: [{ version: 'v1.33', from: 'config' as const }] } };
    expect(kubernetesVersionsText(configured)).toBe('v1.33 (kubernetesVersion in the config file)');
  });

  it('says nothing when no version was known', async () => {
    expect(kubernetesVersionsText(base)).toBeUndefined();
    expect(await renderReport(base, 'terminal', { color: false })).not.toContain('Kubernetes v');
  });
});
