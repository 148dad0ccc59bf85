import { describe, expect, it } from 'vitest';
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { readAttackPaths, readEntryPoints, readNamespaceMatrix, readRbacSubjects, readRisk } from './extensions.js';

const model = (fields: Record<string, unknown>): ThreatModel => fields as unknown as ThreatModel;

describe('optional sections', () => {
  it('are undefined when the model does not have them', () => {
    const empty = model({});
    expect(readAttackPaths(empty)).toBeUndefined();
    expect(readEntryPoints(empty)).toBeUndefined();
    expect(readRbacSubjects(empty)).toBeUndefined();
    expect(readNamespaceMatrix(empty)).toBeUndefined();
    expect(readRisk({} as Finding)).toBeUndefined();
  });

  it('read attack paths whose steps name objects, strings or labelled nodes, and skip what they cannot read', () => {
    const paths = readAttackPaths(
      model({
        attackPaths: [
          {
            score: 3,
            steps: [
              { from: 'internet', to: { kind: 'Deployment', namespace: 'shop', name: 'api' }, technique: { id: 'T1190', title: 'Exploit public-facing application' }, evidence: { location: { file: 'a.yaml', line: 4 } } },
              { source: { kind: 'Deployment', namespace: 'shop', name: 'api' }, target: { label: 'cluster-admin' }, edge: 'token' },
            ],
          },
          { steps: [{ from: 1 }] },
          'nonsense',
        ],
      }),
    );
    expect(paths).toEqual([
      {
        title: 'internet → cluster-admin',
        rank: '3',
        steps: [
          { from: 'internet', to: 'Deployment/shop/api', technique: 'Exploit public-facing application', location: 'a.yaml:4' },
          { from: 'Deployment/shop/api', to: 'cluster-admin', technique: 'token' },
        ],
      },
    ]);
  });

  it('read entry points, RBAC subjects, the namespace matrix and a finding risk', () => {
    expect(readEntryPoints(model({ entryPoints: [{ name: 'web', kind: 'LoadBalancer', targets: [{ kind: 'Deployment', namespace: 'a', name: 'b' }] }] }))).toEqual([{ label: 'LoadBalancer/web', via: 'LoadBalancer', workloads: ['Deployment/a/b'] }]);
    expect(readRbacSubjects(model({ rbac: { subjects: [{ subject: { kind: 'User', name: 'alice' }, risk: 'secrets', grants: [1, 2] }] } }))).toEqual([{ subject: 'User/alice', risk: 'secrets', detail: '2 grants' }]);
    expect(readNamespaceMatrix(model({ network: { namespaceMatrix: { namespaces: ['a'], cells: [['all']] } } }))).toEqual({ namespaces: ['a'], cells: [['all']] });
    expect(readNamespaceMatrix(model({ network: { namespaceMatrix: { namespaces: ['a', 'b'], cells: [['all']] } } }))).toBeUndefined();
    const risk = { likelihood: 3, impact: 4, score: 12, level: 'critical', reasons: ['reachable from the internet in 2 steps', 'reaches cluster-admin in 3 steps'] } as const;
    expect(readRisk({ risk: { ...risk, reasons: [...risk.reasons] } } as unknown as Finding)).toEqual({ likelihood: '3', impact: '4', risk: 'critical', reason: 'reachable from the internet in 2 steps; reaches cluster-admin in 3 steps' });
  });
});
