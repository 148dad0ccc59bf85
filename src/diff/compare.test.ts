import { describe, expect, it } from 'vitest';
import { analyzeText } from '../testing/scan-text.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { Acceptance } from '../config/types.js';
import { diffAtOrAbove, diffThreatModels, gateFailures } from './compare.js';
import { readComparable } from './read-report.js';
import type { ComparableReport, DiffFinding } from './types.js';

const RULES = ['privileged-container', 'host-pid', 'image-latest-tag'];

function deployment(name: string, spec: { privileged?: boolean; hostPID?: boolean; image?: string }): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  template:',
    '    spec:',
    ...(spec.hostPID ? ['      hostPID: true'] : []),
    '      containers:',
    `        - name: ${name}`,
    `          image: ${spec.image ?? 'ghcr.io/acme/app:1.0.0'}`,
    ...(spec.privileged ? ['          securityContext:', '            privileged: true'] : []),
    '',
  ].join('\n');
}

function side(label: string, documents: string[], options: Partial<AnalysisOptions> = {}): ComparableReport {
  return readComparable(analyzeText(documents.join('---\n'), { onlyRules: RULES, ...options }, `${label}/shop.yaml`), label);
}

const accept = (object: string, rule = 'privileged-container'): Acceptance => ({
  rule,
  object,
  reason: 'needed',
  expires: '2099-12-31',
  source: { file: '.kubethreat.yaml', line: 2, column: 5, via: 'config' },
});

const ids = (findings: readonly DiffFinding[]): string[] => findings.map((finding) => `${finding.ruleId} ${finding.object.name}`);

describe('findings, matched by fingerprint', () => {
  const before = side('old', [deployment('api', { image: 'ghcr.io/acme/api:latest' }), deployment('worker', { privileged: true }), deployment('web', {})]);
  const after = side('new', [deployment('web', { hostPID: true }), deployment('api', { image: 'ghcr.io/acme/api:latest' }), deployment('worker', {})]);
  const diff = diffThreatModels(before, after);

  it('lists the new and the resolved ones, and counts the unchanged one (moved in its file, same fingerprint)', () => {
    expect(ids(diff.added)).toEqual(['host-pid web']);
    expect(ids(diff.resolved)).toEqual(['privileged-container worker']);
    expect(diff.changed).toEqual([]);
    expect(diff.summary).toMatchObject({ added: 1, resolved: 1, changed: 0, unchanged: 1, reopened: 0, newlyAccepted: 0 });
  });

  it('puts each finding where its side read it', () => {
    expect(diff.added[0].location.file).toBe('new/shop.yaml');
    expect(diff.resolved[0].location.file).toBe('old/shop.yaml');
  });

  it('says which workloads gained or lost a way into their node', () => {
    expect(diff.nodeBoundary).toEqual([
      { workload: 'Deployment/shop/web', pool: 'any node', controlPlane: false, everyNode: false, gained: ['host-pid'], lost: [] },
      { workload: 'Deployment/shop/worker', pool: 'any node', controlPlane: false, everyNode: false, gained: [], lost: ['privileged-container'] },
    ]);
  });

  it('is the same whatever order the objects come in', () => {
    const shuffled = side('new', [deployment('worker', {}), deployment('api', { image: 'ghcr.io/acme/api:latest' }), deployment('web', { hostPID: true })]);
    // Only where the finding sits in its file differs: the diff itself is the same, byte for byte.
    const withoutLocations = (value: unknown): string => JSON.stringify(value, (key, field: unknown) => (key === 'location' ? undefined : field));
    expect(withoutLocations(diffThreatModels(before, shuffled))).toBe(withoutLocations(diff));
  });

  it('between two identical sides is empty', () => {
    const same = diffThreatModels(before, before);
    expect([same.added, same.resolved, same.changed, same.controls, same.nodeBoundary]).toEqual([[], [], [], [], []]);
    expect(same.summary.unchanged).toBe(2);
  });
});

describe('changed findings', () => {
  it('a severity that changed (here by a config override) is a change, not a new finding', () => {
    const documents = [deployment('worker', { privileged: true })];
    const diff = diffThreatModels(side('old', documents, { severityOverrides: { 'privileged-container': 'medium' } }), side('new', documents));
    expect(diff.added).toEqual([]);
    expect(diff.changed.map((change) => change.changes)).toEqual([['severity medium → critical']]);
  });

  it('a change of risk from the attack graph is a change; a side without a risk says nothing', () => {
    const scanned = side('old', [deployment('worker', { privileged: true })]);
    const base = { ...scanned, findings: scanned.findings.map(({ risk: _risk, ...finding }) => finding) };
    const withRisk = (report: ComparableReport, score: number, level: DiffFinding['severity']): ComparableReport => ({
      ...report,
      findings: report.findings.map((finding) => ({ ...finding, risk: { score, level } })),
    });
    expect(diffThreatModels(withRisk(base, 4, 'medium'), withRisk(base, 12, 'critical')).changed[0].changes).toEqual(['risk 4 (medium) → 12 (critical)']);
    expect(diffThreatModels(base, withRisk(base, 12, 'critical')).changed).toEqual([]);
  });
});

describe('accepted risks across versions', () => {
  const documents = [deployment('worker', { privileged: true })];

  it('a finding accepted in the change is newly accepted, not resolved', () => {
    const diff = diffThreatModels(side('old', documents), side('new', documents, { acceptances: [accept('Deployment/shop/worker')] }));
    expect(ids(diff.newlyAccepted)).toEqual(['privileged-container worker']);
    expect(diff.newlyAccepted[0].acceptance).toEqual({ reason: 'needed', expires: '2099-12-31' });
    expect(diff.resolved).toEqual([]);
  });

  it('a new finding accepted with the change is newly accepted, and not new', () => {
    const diff = diffThreatModels(side('old', [deployment('web', {})]), side('new', [deployment('web', {}), ...documents], { acceptances: [accept('Deployment/shop/worker')] }));
    expect(diff.added).toEqual([]);
    expect(ids(diff.newlyAccepted)).toEqual(['privileged-container worker']);
  });

  it('a finding whose acceptance was removed is reopened', () => {
    const diff = diffThreatModels(side('old', documents, { acceptances: [accept('Deployment/shop/worker')] }), side('new', documents));
    expect(ids(diff.reopened)).toEqual(['privileged-container worker']);
    expect(diff.added).toEqual([]);
  });
});

describe('the pull-request gate', () => {
  it('fails on new findings at or above the threshold, never on risk the base already had', () => {
    const before = side('old', [deployment('worker', { privileged: true })]);
    const after = side('new', [deployment('worker', { privileged: true }), deployment('web', { hostPID: true })]);
    const diff = diffThreatModels(before, after);
    expect(ids(gateFailures(diff, 'high'))).toEqual(['host-pid web']);
    expect(gateFailures(diff, 'critical')).toEqual([]);
  });

  it('fails on reopened findings, and on findings raised to the threshold from below', () => {
    const documents = [deployment('worker', { privileged: true })];
    const reopened = diffThreatModels(side('old', documents, { acceptances: [accept('Deployment/shop/worker')] }), side('new', documents));
    expect(ids(gateFailures(reopened, 'critical'))).toEqual(['privileged-container worker']);
    const raised = diffThreatModels(side('old', documents, { severityOverrides: { 'privileged-container': 'medium' } }), side('new', documents));
    expect(ids(gateFailures(raised, 'high'))).toEqual(['privileged-container worker']);
    expect(gateFailures(raised, 'medium')).toEqual([]);
  });
});

describe('the controls matrix', () => {
  it('lists the controls whose status changed', () => {
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
    const diff = diffThreatModels(side('old', [deployment('web', {})]), side('new', [deployment('web', {}), policy]));
    expect(diff.controls).toEqual([
      { boundary: 'pod', control: 'network-policies', title: 'NetworkPolicies', scope: 'shop', before: 'missing', after: 'present', evidence: '1 NetworkPolicy; default deny for ingress (deny) and egress (deny)' },
    ]);
  });
});

describe('--min-severity on a diff', () => {
  it('keeps what is at or above it and counts again', () => {
    const diff = diffThreatModels(side('old', []), side('new', [deployment('web', { hostPID: true, image: 'ghcr.io/acme/web:latest' })]));
    expect(diff.added.map((finding) => finding.severity)).toEqual(['high', 'low']);
    const shown = diffAtOrAbove(diff, 'high');
    expect(ids(shown.added)).toEqual(['host-pid web']);
    expect(shown.summary.added).toBe(1);
  });
});
