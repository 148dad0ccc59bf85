import { describe, expect, it } from 'vitest';
import { cluster, pod, reaches } from './test-scenario.js';

const estate = (policy: string) =>
  cluster(
    pod('prod', 'agent', { labels: { app: 'agent' }, hostNetwork: true }),
    pod('prod', 'web', { labels: { app: 'web' } }),
    pod('prod', 'client', { labels: { app: 'client' } }),
    policy,
  );

const denyAll = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: prod}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}`;

describe('hostNetwork pods', () => {
  it('are not isolated by a policy that selects them, in either direction', () => {
    const network = estate(denyAll);
    expect(network.isolationOf('Pod/prod/agent')).toMatchObject({ ingress: [], egress: [], hostNetwork: true });
    expect(reaches(network, 'internet', 'Pod/prod/agent')).toBe(true);
    expect(reaches(network, 'Pod/prod/agent', 'internet')).toBe(true);
    const verdict = network.canReach({ kind: 'internet' }, network.groups[0]);
    expect(verdict.reasons[1]).toMatchObject({ kind: 'not-isolated', direction: 'ingress', reason: 'host-network', ignoredPolicies: [{ ref: { name: 'deny-all' } }] });
  });

  it('are not matched by podSelector peers, so pod-selector allows do not admit them', () => {
    const network = estate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {}}]}]`);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/prod/agent', 'Pod/prod/web')).toBe(false);
  });

  it('reach isolated pods through rules without peers, or ipBlocks that may hold the node IP (with a note)', () => {
    const open = estate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: 80}]}]`);
    expect(reaches(open, 'Pod/prod/agent', 'Pod/prod/web', '80')).toBe(true);
    const viaBlock = estate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]`);
    const verdict = viaBlock.canReach(viaBlock.groups[0], viaBlock.groups[1]);
    expect(verdict.allowed).toBe(true);
    expect(verdict.notes.join()).toContain('node IP');
    expect(reaches(viaBlock, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
  });

  it('a policy that only selects hostNetwork pods selects nothing it can affect', () => {
    const network = estate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: agent, namespace: prod}
spec: {podSelector: {matchLabels: {app: agent}}, ingress: []}`);
    expect(network.policiesSelectingNoPod()).toMatchObject([{ policy: { ref: { name: 'agent' } }, onlyHostNetwork: true }]);
  });
});
