import { describe, expect, it } from 'vitest';
import type { Finding } from '../engine/finding.js';
import { graphOfText } from './testing.js';
import { findingEvidence } from './evidence.js';
import type { AttackGraph } from './graph.js';

const DEPLOYMENT = (name: string, port = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: app, image: app:1.0${port} }]
`;

const BINDING = (name: string, user: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ${name}, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: ${user} }]
`;

function evidenceOf(graph: AttackGraph, from: string, to: string, technique: string): ReturnType<AttackGraph['evidenceOf']> {
  const edge = graph.outgoing(graph.nodeById(from)!.index).find((candidate) => graph.nodes[candidate.to].id === to && candidate.technique === technique);
  expect(edge, `${from} -> ${to} [${technique}]`).toBeDefined();
  return graph.evidenceOf(edge!.index);
}

describe('evidence worded when read', () => {
  it('names the binding and the rule of a grant; holders of one role share the rule evidence', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: exec, namespace: shop }
rules:
  - { apiGroups: [""], resources: [pods/exec], verbs: [create] }
`;
    const { graph } = graphOfText([role, BINDING('for-mallory', 'mallory'), BINDING('for-eve', 'eve')].join('---\n'));
    const mallory = evidenceOf(graph, 'user:mallory', 'workloads-in:shop', 'WL-POD-EXEC');
    const eve = evidenceOf(graph, 'user:eve', 'workloads-in:shop', 'WL-POD-EXEC');
    expect(mallory.map((item) => [item.object.kind, item.object.name, item.fieldPath, item.detail])).toEqual([
      ['RoleBinding', 'for-mallory', ['roleRef'], 'binds Role exec to user:mallory, in namespace shop'],
      ['Role', 'exec', ['rules', 0], 'create pods/exec in namespace shop'],
    ]);
    expect(eve[0].detail).toBe('binds Role exec to user:eve, in namespace shop');
    expect(eve[1]).toBe(mallory[1]);
  });

  it('words a grant limited to names, and one whose words go on after the scope', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: exec, namespace: shop }
rules:
  - { apiGroups: [""], resources: [secrets], verbs: [get], resourceNames: [db] }
  - { apiGroups: [""], resources: [pods/exec], verbs: [get] }
---
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
`;
    const { graph } = graphOfText([role, BINDING('for-mallory', 'mallory')].join('---\n'));
    expect(evidenceOf(graph, 'user:mallory', 'secret:shop/db', 'RBAC-SECRET-GET')[1].detail).toBe('get secrets in namespace shop named db');
    expect(evidenceOf(graph, 'user:mallory', 'workloads-in:shop', 'WL-POD-EXEC')[1].detail).toBe('get pods/exec in namespace shop (exec over websockets on clusters before the create check)');
  });

  it('says which workloads no NetworkPolicy isolates, and which rule admits a flow', () => {
    const open = graphOfText([DEPLOYMENT('web'), DEPLOYMENT('api', ', ports: [{ containerPort: 8080 }]')].join('---\n')).graph;
    expect(evidenceOf(open, 'workload:Deployment/shop/web', 'workload:Deployment/shop/api', 'LAT-POD-NETWORK').map((item) => [item.object.name, item.detail])).toEqual([
      ['web', 'Deployment shop/web sends anywhere: no NetworkPolicy isolates its egress'],
      ['api', 'Deployment shop/api accepts any source: no NetworkPolicy isolates its ingress'],
    ]);
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]
`;
    const isolated = graphOfText([DEPLOYMENT('web'), DEPLOYMENT('api', ', ports: [{ containerPort: 8080 }]'), policy].join('---\n')).graph;
    const evidence = evidenceOf(isolated, 'workload:Deployment/shop/web', 'workload:Deployment/shop/api', 'LAT-POD-NETWORK');
    expect(evidence.map((item) => [item.object.name, item.detail])).toEqual([
      ['web', 'Deployment shop/web sends anywhere: no NetworkPolicy isolates its egress'],
      ['api-from-web', 'ingress: rule ingress[0] of NetworkPolicy shop/api-from-web allows it'],
    ]);
  });

  it('reads a finding through the finding: its message and fingerprint as they are when read', () => {
    let message = 'first wording';
    const finding = { object: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, fingerprint: 'host-pid@1', get message() { return message; } } as unknown as Finding;
    const evidence = findingEvidence(finding);
    expect([evidence.fromFinding, evidence.finding, evidence.object.name, evidence.detail]).toEqual([finding, 'host-pid@1', 'p', 'first wording']);
    message = 'second wording';
    expect(evidence.detail).toBe('second wording');
  });
});
