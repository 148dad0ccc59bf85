import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import { renderMarkdown } from './markdown.js';
import { compareFindings } from './present.js';

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
