import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../load/parse-text.js';
import { planFixes, type FixRequest } from './plan.js';
import { renderFixReport } from './report.js';

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops}
spec:
  containers:
    - name: agent
      image: agent:1
      securityContext:
        privileged: true
`;

function plan(text: string, choices: Partial<FixRequest> = {}) {
  return planFixes({ sources: [{ file: 'estate.yaml', text }], fixedObjects: [], options: {}, rules: [], level: 'restricted', measures: false, now: new Date(0), toolVersion: 'test', ...choices });
}

const statuses = (result: ReturnType<typeof plan>, rule: string): string[] => result.outcomes.filter((outcome) => outcome.finding.ruleId === rule).map((outcome) => outcome.status);

describe('planFixes', () => {
  it('fixes in rounds: allowPrivilegeEscalation: false follows privileged: false, which the API server requires', () => {
    const result = plan(PRIVILEGED, { rules: ['privileged-container', 'privilege-escalation-allowed'] });
    expect(statuses(result, 'privileged-container')).toEqual(['fixed']);
    expect(statuses(result, 'privilege-escalation-allowed')).toEqual(['fixed']);
    expect(result.files[0].after).toContain('        privileged: false\n        allowPrivilegeEscalation: false\n');
  });

  it('applies safe fixes only by default: a suggestion stays, and says so', () => {
    const result = plan(PRIVILEGED);
    expect(statuses(result, 'privileged-container')).toEqual(['suggestion']);
    expect(result.files[0].after).toContain('privileged: true');
    expect(statuses(result, 'seccomp-profile-missing')).toEqual(['fixed']);
  });

  it('with --level baseline, leaves the restricted-only hardening alone', () => {
    const result = plan(PRIVILEGED.replace('privileged: true', 'readOnlyRootFilesystem: true'), { level: 'baseline' });
    expect(statuses(result, 'run-as-root')).toEqual(['above-level']);
    expect(result.files[0].after).not.toContain('runAsNonRoot');
  });

  it('cannot fix what comes from an input it cannot edit, and says where the change belongs', () => {
    const fromStdin = parseManifestText(PRIVILEGED.replace('privileged: true', 'readOnlyRootFilesystem: true'), '<stdin>').objects;
    const result = planFixes({ sources: [], fixedObjects: fromStdin, options: {}, rules: [], level: 'restricted', measures: false, now: new Date(0), toolVersion: 'test' });
    expect(statuses(result, 'seccomp-profile-missing')).toEqual(['needs-source']);
  });

  it('reports an edit it could not make as not fixed, with the reason', () => {
    const aliased = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ops}\nspec:\n  containers:\n    - &app\n      name: app\n      image: app:1\n  initContainers:\n    - *app\n';
    const result = plan(aliased, { rules: ['read-only-root-filesystem'] });
    expect(result.outcomes.map((outcome) => [outcome.status, outcome.reason])).toEqual([
      ['not-fixed', expect.stringContaining('YAML alias')],
      ['not-fixed', expect.stringContaining('YAML alias')],
    ]);
    expect(result.files[0].after).toBe(aliased);
  });

  it('says that Helm output is fixed in the chart', () => {
    const result = plan(`---\n# Source: shop/templates/agent.yaml\n${PRIVILEGED}`);
    expect(result.notes).toContain('estate.yaml: shop/templates/agent.yaml is Helm output: the fixed copy shows the change, make it in the chart (that template, or the values it reads)');
  });

  it('renders a report that proves each finding by the second scan', () => {
    const report = renderFixReport(plan(PRIVILEGED), { done: ['Nothing was written.'], uneditable: [] });
    expect(report).toMatch(/^kubethreat fix: 1 file changed, 0 objects generated\.\nScanned again with the fixes and measures: \d+ findings fixed, 0 not fixed, 2 left as suggestions/);
    expect(report).toMatch(/\n {2}seccomp-profile-missing +Pod\/ops\/agent \(agent\) +fix\n/);
    expect(report).toContain('Suggestions not applied');
    expect(report).toMatch(/privileged-container +Pod\/ops\/agent \(agent\) +set spec\.containers\[0\]\.securityContext\.privileged: false/);
    expect(report).toContain('run-as-root: the image must run as a non-root USER');
  });
});
