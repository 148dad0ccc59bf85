import { describe, expect, it } from 'vitest';
import { cluster, namespace, pod } from './test-scenario.js';

const policy = (name: string, ns: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
${spec}`;

describe('default deny', () => {
  it('counts only policies that select every pod and allow nothing in that direction', () => {
    const network = cluster(
      namespace('a'),
      namespace('b'),
      namespace('c'),
      pod('a', 'x'),
      pod('b', 'x'),
      pod('c', 'x', { labels: { app: 'x' } }),
      policy('deny-all', 'a', '  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
      policy('deny-ingress', 'b', '  podSelector: {}'),
      policy('allow-dns', 'b', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{port: 53, protocol: UDP}]}]'),
      policy('deny-app', 'c', '  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Ingress, Egress]'),
    );
    expect(network.defaultDeny().map((status) => [status.namespace, status.ingress.map((p) => p.ref.name), status.egress.map((p) => p.ref.name)])).toEqual([
      ['a', ['deny-all'], ['deny-all']],
      ['b', ['deny-ingress'], []],
      ['c', [], []],
    ]);
    expect(network.namespacesWithoutDefaultDeny('ingress')).toEqual(['c']);
    expect(network.namespacesWithoutDefaultDeny('egress')).toEqual(['b', 'c']);
  });
});

describe('policy hygiene', () => {
  const network = cluster(
    namespace('prod'),
    pod('prod', 'web', { labels: { app: 'web' } }),
    policy('typo', 'prod', '  podSelector: {matchLabels: {app: wbe}}'),
    policy(
      'peers',
      'prod',
      `  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: frontend}}
    - namespaceSelector: {matchLabels: {team: payments}}
    - podSelector: {}
  egress:
  - {}
  policyTypes: [Ingress, Egress]`,
    ),
    policy('everything', 'prod', '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}, {from: [{ipBlock: {cidr: 0.0.0.0/0}}]}, {from: [{namespaceSelector: {}}], ports: [{port: 80}]}]'),
  );

  it('finds policies that select no pod', () => {
    expect(network.policiesSelectingNoPod()).toMatchObject([{ policy: { ref: { name: 'typo' } }, onlyHostNetwork: false }]);
  });

  it('finds peers that match nothing and says whether the namespace or the pod part failed', () => {
    expect(network.peersMatchingNothing()).toMatchObject([
      { policy: { ref: { name: 'peers' } }, direction: 'ingress', ruleIndex: 0, peerIndex: 0, reason: 'no-pod', path: ['spec', 'ingress', 0, 'from', 0] },
      { policy: { ref: { name: 'peers' } }, direction: 'ingress', ruleIndex: 0, peerIndex: 1, reason: 'no-namespace' },
    ]);
  });

  it('finds allow-all rules: no peers, all pods of all namespaces, or a /0 block, on every port', () => {
    expect(network.allowAllRules().map((rule) => [rule.policy.ref.name, rule.direction, rule.ruleIndex, rule.scope])).toEqual([
      ['everything', 'ingress', 0, 'all-pods'],
      ['everything', 'ingress', 1, 'all-addresses'],
      ['peers', 'egress', 0, 'everything'],
    ]);
  });
});

describe('CNI policies', () => {
  it('records which pods a Cilium policy selects, without evaluating its rules', () => {
    const network = cluster(
      pod('prod', 'web', { labels: { app: 'web' } }),
      pod('prod', 'db', { labels: { app: 'db' } }),
      pod('dev', 'web', { labels: { app: 'web' } }),
      `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  endpointSelector: {matchLabels: {"k8s:app": web}}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: all-db}
specs:
- endpointSelector: {matchLabels: {app: db}}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: calico}
spec: {selector: all()}`,
    );
    expect(network.isolationOf('Pod/prod/web').cilium.map((p) => p.ref.name)).toEqual(['web']);
    expect(network.isolationOf('Pod/dev/web').cilium).toEqual([]);
    expect(network.isolationOf('Pod/prod/db').cilium).toMatchObject([{ ref: { name: 'all-db', kind: 'CiliumClusterwideNetworkPolicy' } }]);
    expect(network.isolationOf('Pod/prod/db').cilium[0].ref.namespace).toBeUndefined();
    expect(network.cniPolicies.unevaluated.map((p) => p.ref.name)).toEqual(['calico']);
    // Their rules are not evaluated: Kubernetes NetworkPolicy semantics alone decide reachability.
    expect(network.canReach(network.groups[2], network.groups[0]).allowed).toBe(true);
  });
});
