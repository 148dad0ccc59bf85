import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import { teamDeployments } from '../testing/team-deployments.js';
import { renderReport, TERMINAL_INSTANCES_PER_RULE } from './index.js';

const deployments = (count: number): string =>
  Array.from(
    { length: count },
    (_, index) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${String(index).padStart(2, '0')}
  namespace: shop
spec:
  selector:
    matchLabels: { app: web-${index} }
  template:
    metadata:
      labels: { app: web-${index} }
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
`,
  ).join('---\n');

describe('terminal report', () => {
  it('lists a few instances of each threat and counts the rest', async () => {
    const model = analyzeText(deployments(15), { onlyRules: ['read-only-root-filesystem'] });
    const text = await renderReport(model, 'terminal', { color: false });
    expect(model.findings).toHaveLength(15);
    expect(text.match(/^ {6}• Container web of Deployment/gm)).toHaveLength(TERMINAL_INSTANCES_PER_RULE);
    expect(text).toContain(`… and ${15 - TERMINAL_INSTANCES_PER_RULE} more (see --format json)`);
    expect(text).toContain('Summary: 15 findings');
  });

  it('counts the scopes of a control held in many namespaces, listing those where it is missing', async () => {
    const namespaces = 15;
    const text = teamDeployments(namespaces, 5);
    const model = analyzeText(text);
    const nodeControls = model.controls.flatMap((entry) => entry.controls).filter((control) => control.title === 'Pods cannot cross into their node');
    expect(nodeControls).toHaveLength(namespaces);
    const report = await renderReport(model, 'terminal', { color: false });
    const lines = report.split('\n').filter((line) => line.includes('Pods cannot cross into their node'));
    expect(lines).toEqual([
      '    ✘ missing Pods cannot cross into their node [team-00]: 1 of 1 workloads can reach the node: web',
      '    ✘ missing Pods cannot cross into their node [team-05]: 1 of 1 workloads can reach the node: web',
      '    ✘ missing Pods cannot cross into their node [team-10]: 1 of 1 workloads can reach the node: web',
      '    ✘ missing Pods cannot cross into their node in 3 of 15 scopes',
      '    ✔ present Pods cannot cross into their node in 12 of 15 scopes',
    ]);
    // Below the limit each scope has its line, as before.
    const few = await renderReport(analyzeText(teamDeployments(TERMINAL_INSTANCES_PER_RULE, 5)), 'terminal', { color: false });
    expect(few.split('\n').filter((line) => line.includes('Pods cannot cross into their node ['))).toHaveLength(TERMINAL_INSTANCES_PER_RULE);
  });

  it('writes no escape sequence without colour, and colours only when asked', async () => {
    const model = analyzeText(deployments(1), { onlyRules: ['read-only-root-filesystem'] });
    expect(await renderReport(model, 'terminal', { color: false })).not.toContain('\u001b[');
    expect(await renderReport(model, 'terminal', { color: true })).toContain('\u001b[');
  });
});
