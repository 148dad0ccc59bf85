import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '../model/object.js';
import { coverageOf, parseConceptMap } from './concepts.js';
import { judgeLabel, labelObjectMatches, type JudgedFinding } from './judge.js';
import { parseLabels, type Label } from './labels.js';

const coverage = coverageOf(
  parseConceptMap({ 'host-pid': ['host_pid'], 'secrets-read': ['rbac_secrets_read'], 'privileged-container': ['privileged'] }, 'test'),
  ['host-pid', 'secrets-read'],
);

function label(object: string, concept: string, expected: 'fail' | 'pass'): Label {
  const { labels } = parseLabels(`file\tobject\tconcept\texpected\nm.yaml\t${object}\t${concept}\t${expected}\n`);
  return labels[0];
}

function ref(kind: string, name: string, namespace?: string): ObjectRef {
  return { apiVersion: 'v1', kind, name, ...(namespace === undefined ? {} : { namespace }) };
}

function finding(ruleId: string, object: ObjectRef, related: ObjectRef[] = []): JudgedFinding {
  return { ruleId, object, related, path: 'spec.hostPID', location: { file: 'm.yaml', line: 3, column: 1 }, message: 'found' };
}

describe('labelObjectMatches', () => {
  it('matches any namespace when the label names none', () => {
    expect(labelObjectMatches({ kind: 'Pod', namespace: '', name: 'web' }, ref('Pod', 'web', 'default'))).toBe(true);
    expect(labelObjectMatches({ kind: 'Pod', namespace: '', name: 'web' }, ref('Pod', 'web', 'prod'))).toBe(true);
  });

  it('requires the same namespace when the label names one', () => {
    expect(labelObjectMatches({ kind: 'Pod', namespace: 'prod', name: 'web' }, ref('Pod', 'web', 'prod'))).toBe(true);
    expect(labelObjectMatches({ kind: 'Pod', namespace: 'prod', name: 'web' }, ref('Pod', 'web', 'default'))).toBe(false);
  });

  it('ignores a namespace a label gives a cluster-scoped object (the API server ignores it too)', () => {
    expect(labelObjectMatches({ kind: 'ClusterRoleBinding', namespace: 'dev', name: 'admins' }, ref('ClusterRoleBinding', 'admins'))).toBe(true);
  });

  it('requires the same kind and name', () => {
    expect(labelObjectMatches({ kind: 'Pod', namespace: '', name: 'web' }, ref('Deployment', 'web', 'default'))).toBe(false);
    expect(labelObjectMatches({ kind: 'Pod', namespace: '', name: 'web' }, ref('Pod', 'api', 'default'))).toBe(false);
  });
});

describe('judgeLabel', () => {
  const findings = [
    finding('host-pid', ref('Pod', 'web', 'default')),
    finding('secrets-read', ref('RoleBinding', 'read', 'dev'), [ref('Role', 'reader', 'dev')]),
  ];

  it('gives TP, FN, FP and TN from the expectation and whether a mapped rule fired on the object', () => {
    expect(judgeLabel(label('Pod//web', 'host_pid', 'fail'), findings, coverage).verdict).toBe('TP');
    expect(judgeLabel(label('Pod//api', 'host_pid', 'fail'), findings, coverage).verdict).toBe('FN');
    expect(judgeLabel(label('Pod//web', 'host_pid', 'pass'), findings, coverage).verdict).toBe('FP');
    expect(judgeLabel(label('Pod//api', 'host_pid', 'pass'), findings, coverage).verdict).toBe('TN');
  });

  it('counts only findings of the rules mapped to the label concept', () => {
    // The binding has a finding, but of a rule mapped to another concept.
    expect(judgeLabel(label('RoleBinding/dev/read', 'host_pid', 'pass'), findings, coverage).verdict).toBe('TN');
  });

  it('matches a label on an object the finding names as related, and says so', () => {
    const verdict = judgeLabel(label('Role/dev/reader', 'rbac_secrets_read', 'fail'), findings, coverage);
    expect(verdict.verdict).toBe('TP');
    expect(verdict.matched).toEqual([expect.objectContaining({ ruleId: 'secrets-read', object: 'RoleBinding/dev/read', matchedBy: 'related' })]);
  });

  it('matches a label with several objects when any one of them matches', () => {
    expect(judgeLabel(label('Role/dev/other;Pod//web', 'host_pid', 'fail'), findings, coverage).verdict).toBe('TP');
    expect(judgeLabel(label('Role/dev/other;Pod//api', 'host_pid', 'fail'), findings, coverage).verdict).toBe('FN');
  });

  it('does not score a concept no rule maps, nor one whose rules are not in the registry yet', () => {
    const unmapped = judgeLabel(label('Pod//web', 'network_policy_missing', 'fail'), findings, coverage);
    expect(unmapped).toMatchObject({ verdict: 'not-covered', scannerFails: null });
    expect(unmapped.notCoveredReason).toContain('no rule');
    const missing = judgeLabel(label('Pod//web', 'privileged', 'fail'), findings, coverage);
    expect(missing.verdict).toBe('not-covered');
    expect(missing.notCoveredReason).toContain('privileged-container');
  });
});
