import { describe, expect, it } from 'vitest';
import { cluster, pod, reaches } from './test-scenario.js';

const pods = [pod('prod', 'web', { labels: { app: 'web' } }), pod('prod', 'client', { labels: { app: 'client' } }), pod('prod', 'db', { labels: { app: 'db' } })];

describe('isolation: a pod is isolated per direction only when a policy selects it for that direction', () => {
  it('without any policy everything reaches everything, on every port', () => {
    const network = cluster(...pods);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client', '5432/UDP')).toBe(true);
  });

  it('a policy with `ingress: []` isolates the selected pod for ingress only', () => {
    const network = cluster(
      ...pods,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: []`,
    );
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client')).toBe(true); // egress not isolated
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/db')).toBe(true); // db not selected
  });

  it('explains a denial with the isolating policy, its file and line, and the direction', () => {
    const network = cluster(
      ...pods,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-web, namespace: prod}
spec: {podSelector: {matchLabels: {app: web}}}`,
    );
    const verdict = network.canReach({ kind: 'namespace', namespace: 'prod' }, network.groups.find((group) => group.id === 'Pod/prod/web')!);
    expect(verdict.allowed).toBe(false);
    const isolated = verdict.reasons.find((reason) => reason.kind === 'isolated');
    expect(isolated?.direction).toBe('ingress');
    expect(isolated?.policy?.ref).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'prod', name: 'deny-web' });
    expect(isolated?.policy?.location).toMatchObject({ file: 'cluster.yaml', line: 7 }) // three one-line pods and separators come first;
    expect(verdict.reasons.some((reason) => reason.kind === 'no-rule-allows' && reason.direction === 'ingress')).toBe(true);
  });

  it('allows are a union: each of two policies selecting the pod adds its sources', () => {
    const network = cluster(
      ...pods,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-client, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-db, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]`,
    );
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/prod/db', 'Pod/prod/web')).toBe(true);
    const verdict = network.canReach(network.groups.find((group) => group.id === 'Pod/prod/db')!, network.groups.find((group) => group.id === 'Pod/prod/web')!);
    expect(verdict.reasons.filter((reason) => reason.kind === 'isolated').map((reason) => reason.policy?.ref.name)).toEqual(['from-client', 'from-db']);
    expect(verdict.reasons.find((reason) => reason.kind === 'rule-allows')).toMatchObject({ ruleIndex: 0, peerIndex: 0, path: ['spec', 'ingress', 0, 'from', 0] });
  });

  it('a policy applies only in its own namespace', () => {
    const network = cluster(
      ...pods,
      pod('other', 'web', { labels: { app: 'web' } }),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: other}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}`,
    );
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/other/web')).toBe(false);
    expect(reaches(network, 'Pod/other/web', 'Pod/prod/client')).toBe(false);
  });

  it('spec.podSelector {} and a missing spec.podSelector both select every pod of the namespace', () => {
    for (const selector of ['podSelector: {}', '']) {
      const network = cluster(
        ...pods,
        `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: prod}
spec:
  ${selector}
  policyTypes: [Ingress]`,
      );
      expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
      expect(reaches(network, 'Pod/prod/web', 'Pod/prod/db')).toBe(false);
    }
  });
});

describe('policyTypes', () => {
  const policy = (spec: string) =>
    cluster(
      ...pods,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
${spec}`,
    );

  it('default: Ingress always, even when the policy only has egress rules', () => {
    const network = policy('  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]');
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/db')).toBe(true);
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client')).toBe(false);
  });

  it('default: no Egress without an egress section, and `egress: []` counts as none', () => {
    for (const spec of ['  ingress: []', '  egress: []']) {
      const network = policy(spec);
      expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client')).toBe(true);
      expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
    }
  });

  it('explicit [Egress] without egress rules denies all egress and leaves ingress open', () => {
    const network = policy('  policyTypes: [Egress]');
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client')).toBe(false);
    expect(reaches(network, 'Pod/prod/web', 'internet')).toBe(false);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(true);
  });

  it('explicit [Ingress] ignores egress rules, which are reported as having no effect', () => {
    const network = policy('  policyTypes: [Ingress]\n  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]');
    expect(reaches(network, 'Pod/prod/web', 'Pod/prod/client')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
    expect(network.ignoredRuleSections()).toMatchObject([{ direction: 'egress', policy: { ref: { name: 'p' } } }]);
  });

  it('a connection needs both the source egress and the destination ingress to allow it', () => {
    const network = cluster(
      ...pods,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client-egress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: web}}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]`,
    );
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false); // egress yes, ingress no
    expect(reaches(network, 'Pod/prod/db', 'Pod/prod/web')).toBe(true); // db egress open
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/db')).toBe(false); // egress no, ingress open
  });
});
