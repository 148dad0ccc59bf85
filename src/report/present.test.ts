import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import { renderMarkdown } from './markdown.js';
import { compareFindings, rulesOf } from './present.js';
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

