import { describe, expect, it } from 'vitest';
import { cluster, namespace, pod } from './test-scenario.js';

const estate = () =>
  cluster(
    namespace('empty'),
    pod('prod', 'web', { labels: { app: 'web' } }),
    pod('prod', 'db', { labels: { app: 'db' } }),
    pod('dev', 'tool'),
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]`,
  );

describe('endpoints', () => {
  it('a namespace stands for any of its pods: the verdict names the pair that witnesses it', () => {
    const network = estate();
    const verdict = network.canReach({ kind: 'namespace', namespace: 'dev' }, { kind: 'namespace', namespace: 'prod' });
    expect(verdict.allowed).toBe(true);
    expect(network.classes[verdict.toClassId!].groups[0].id).toBe('Pod/prod/web');
    const toDb = network.canReach({ kind: 'namespace', namespace: 'dev' }, network.groups.find((group) => group.id === 'Pod/prod/db')!);
    expect(toDb.allowed).toBe(false);
  });

  it('a namespace without pods reaches nothing, and says so', () => {
    const verdict = estate().canReach({ kind: 'namespace', namespace: 'empty' }, { kind: 'internet' });
    expect(verdict).toMatchObject({ allowed: false, notes: ['namespace empty has no pods in the input'] });
  });

  it('between two outside addresses no NetworkPolicy applies', () => {
    const verdict = estate().canReach({ kind: 'internet' }, { kind: 'ip', ip: '10.0.0.1' });
    expect(verdict).toMatchObject({ allowed: true, notes: ['neither end is a pod: no NetworkPolicy applies'] });
  });

  it('pod classes are endpoints too, for callers that work on classes (the attack graph)', () => {
    const network = estate();
    const db = network.classOf('Pod/prod/db');
    const web = network.classOf('Pod/prod/web');
    expect(network.canReach({ kind: 'pod-class', classId: web.id }, { kind: 'pod-class', classId: db.id }).allowed).toBe(true);
    expect(network.canReach({ kind: 'pod-class', classId: db.id }, { kind: 'pod-class', classId: db.id }).allowed).toBe(false);
  });
});
