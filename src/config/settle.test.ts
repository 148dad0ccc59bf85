/** Accepted risks and overrides through the core, as a scan sees them: analyze() with the config passed in as data. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import type { Acceptance } from './types.js';

const ESTATE = readFileSync(new URL('./fixtures/estate.yaml', import.meta.url), 'utf8');
const ANNOTATED = readFileSync(new URL('./fixtures/annotated.yaml', import.meta.url), 'utf8');
const RULES = ['privileged-container', 'namespace-psa-missing'];

function acceptance(fields: Partial<Acceptance>): Acceptance {
  return { rule: 'privileged-container', reason: 'a reason', expires: '2026-06-30', source: { file: '.kubethreat.yaml', line: 7, column: 5, via: 'config' }, ...fields };
}

describe('accepted risks in the threat model', () => {
  it('move out of findings and the summary, into accepted with their acceptance', () => {
    const model = analyzeText(ESTATE, { onlyRules: RULES, acceptances: [acceptance({ object: 'Deployment/shop/web' })] }, 'estate.yaml');
    expect(model.findings.map((finding) => finding.object.name).sort()).toEqual(['agent', 'shop']);
    expect(model.summary.total).toBe(2);
    expect(model.accepted?.map((finding) => `${finding.object.name}/${finding.container} ${finding.acceptance.reason}`)).toEqual(['web/app a reason', 'web/gpu a reason']);
  });

  it('still count as facts: the workload keeps its node escape', () => {
    const model = analyzeText(ESTATE, { onlyRules: RULES, acceptances: [acceptance({ object: 'Deployment/shop/web' })] });
    expect(model.workloads.find((workload) => workload.object.name === 'web')?.nodeEscapes).toEqual(['privileged-container']);
  });

  it('an acceptance that selects nothing is a notice at its line in the config file', () => {
    const model = analyzeText(ESTATE, { onlyRules: RULES, acceptances: [acceptance({ object: 'Deployment/shop/gone' })] });
    expect(model.problems).toContainEqual({
      severity: 'notice',
      file: '.kubethreat.yaml',
      line: 7,
      column: 5,
      message: 'the accepted risk privileged-container for Deployment/shop/gone matches no finding',
      hint: 'remove it, or correct its selector: the threat it accepted is gone, or it never matched',
    });
  });

  it('names a container selector in its notice, in a namespace or in every object', () => {
    const model = analyzeText(ESTATE, { onlyRules: RULES, acceptances: [acceptance({ container: 'istio-init' }), acceptance({ namespace: 'shop', container: 'istio-init' })] });
    expect(model.problems.map((problem) => problem.message)).toEqual([
      'the accepted risk privileged-container for container istio-init of every object matches no finding',
      'the accepted risk privileged-container for container istio-init in namespace shop matches no finding',
    ]);
  });

  it('an acceptance of a rule that did not run is not called stale', () => {
    const model = analyzeText(ESTATE, { onlyRules: ['namespace-psa-missing'], acceptances: [acceptance({ object: 'Deployment/shop/gone' })] });
    expect(model.problems).toEqual([]);
  });

  it('an acceptance that selects only a hidden platform finding is not stale either', () => {
    const kubeSystem = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-proxy\n  namespace: kube-system\nspec:\n  template:\n    spec:\n      containers:\n        - name: kube-proxy\n          image: registry.k8s.io/kube-proxy:v1.31.0\n          securityContext:\n            privileged: true\n';
    const model = analyzeText(kubeSystem, { onlyRules: RULES, acceptances: [acceptance({ namespace: 'kube-system' })] });
    expect(model.platform.hidden).toBe(1);
    expect(model.problems).toEqual([]);
    expect(model.accepted).toEqual([]);
  });
});

describe('severity overrides', () => {
  it('replace the rule severity in findings and the summary', () => {
    const model = analyzeText(ESTATE, { onlyRules: RULES, severityOverrides: { 'privileged-container': 'medium' } });
    expect(model.findings.filter((finding) => finding.ruleId === 'privileged-container').map((finding) => finding.severity)).toEqual(['medium', 'medium', 'medium']);
    expect(model.summary.bySeverity.critical + model.summary.bySeverity.high).toBe(0);
  });
});

describe('kubethreat.io/accept annotations', () => {
  const model = analyzeText(ANNOTATED, { onlyRules: RULES }, 'ops.yaml');

  it('accept the findings of the annotated object, recording where the annotation is', () => {
    expect(model.accepted?.map((finding) => [finding.object.name, finding.acceptance])).toEqual([
      [
        'agent',
        {
          rule: 'privileged-container',
          object: 'DaemonSet/ops/agent',
          reason: 'reads every device of the node for monitoring',
          expires: '2026-06-30',
          owner: 'team-sre',
          source: { file: 'ops.yaml', line: 8, column: 5, via: 'annotation' },
        },
      ],
    ]);
  });

  it('a bad annotation is an error at its file:line, and its findings still count', () => {
    expect(model.problems).toEqual([
      {
        severity: 'error',
        file: 'ops.yaml',
        line: 28,
        column: 5,
        message: 'DaemonSet/ops/collector: kubethreat.io/accept: needs at least three fields separated by ";": "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]"',
        hint: 'write "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]" (docs/config.md)',
        skipped: 'this acceptance: its findings count',
      },
    ]);
    expect(model.findings.map((finding) => finding.object.name)).toEqual(['collector']);
  });
});
