import { describe, expect, it } from 'vitest';
import { cluster, namespace, pod, reaches } from './test-scenario.js';

const estate = [
  namespace('prod', { env: 'prod' }),
  namespace('team-a', { team: 'a' }),
  namespace('team-b', { team: 'b' }),
  pod('prod', 'web', { labels: { app: 'web' } }),
  pod('prod', 'client', { labels: { role: 'client' } }),
  pod('prod', 'other', { labels: { role: 'other' } }),
  pod('team-a', 'client', { labels: { role: 'client' } }),
  pod('team-a', 'other', { labels: { role: 'other' } }),
  pod('team-b', 'client', { labels: { role: 'client' } }),
];

const webIngressFrom = (from: string) =>
  cluster(
    ...estate,
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
${from}`,
  );

/** Which of the six source pods reach prod/web. */
function sourcesOfWeb(network: ReturnType<typeof cluster>): string[] {
  return ['Pod/prod/client', 'Pod/prod/other', 'Pod/team-a/client', 'Pod/team-a/other', 'Pod/team-b/client'].filter((source) =>
    reaches(network, source, 'Pod/prod/web'),
  );
}

describe('peers', () => {
  it('podSelector alone selects pods of the policy namespace only', () => {
    const network = webIngressFrom('    - podSelector: {matchLabels: {role: client}}');
    expect(sourcesOfWeb(network)).toEqual(['Pod/prod/client']);
  });

  it('namespaceSelector alone selects every pod of the matching namespaces, not the policy namespace', () => {
    const network = webIngressFrom('    - namespaceSelector: {matchLabels: {team: a}}');
    expect(sourcesOfWeb(network)).toEqual(['Pod/team-a/client', 'Pod/team-a/other']);
  });

  it('both selectors in ONE peer are ANDed: client pods of team-a namespaces', () => {
    const network = webIngressFrom(`    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {matchLabels: {role: client}}`);
    expect(sourcesOfWeb(network)).toEqual(['Pod/team-a/client']);
  });

  it('the same selectors as TWO peers are ORed: all of team-a, plus client pods of the policy namespace', () => {
    const network = webIngressFrom(`    - namespaceSelector: {matchLabels: {team: a}}
    - podSelector: {matchLabels: {role: client}}`);
    expect(sourcesOfWeb(network)).toEqual(['Pod/prod/client', 'Pod/team-a/client', 'Pod/team-a/other']);
  });

  it('podSelector {} alone: every pod of the policy namespace', () => {
    expect(sourcesOfWeb(webIngressFrom('    - podSelector: {}'))).toEqual(['Pod/prod/client', 'Pod/prod/other']);
  });

  it('namespaceSelector {}: every pod of every namespace, but not the internet', () => {
    const network = webIngressFrom('    - namespaceSelector: {}');
    expect(sourcesOfWeb(network)).toHaveLength(5);
    expect(reaches(network, 'internet', 'Pod/prod/web')).toBe(false);
  });

  it('namespaceSelector {} with podSelector: client pods of every namespace', () => {
    const network = webIngressFrom(`    - namespaceSelector: {}
      podSelector: {matchLabels: {role: client}}`);
    expect(sourcesOfWeb(network)).toEqual(['Pod/prod/client', 'Pod/team-a/client', 'Pod/team-b/client']);
  });

  it('a rule without `from`, and `from: []`, admits every source including the internet', () => {
    for (const rule of ['  - {}', '  - from: []', '  - ports: [{port: 80}]']) {
      const network = cluster(
        ...estate,
        `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
${rule}`,
      );
      expect(sourcesOfWeb(network)).toHaveLength(5);
      expect(reaches(network, 'internet', 'Pod/prod/web', '80')).toBe(true);
    }
  });

  it('namespace labels include kubernetes.io/metadata.name even without a Namespace object', () => {
    const network = cluster(
      pod('prod', 'web', { labels: { app: 'web' } }),
      pod('ops', 'probe'),
      pod('dev', 'probe'),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}}]}]`,
    );
    expect(network.namespaceObjectsPresent).toBe(false);
    expect(reaches(network, 'Pod/ops/probe', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/dev/probe', 'Pod/prod/web')).toBe(false);
  });
});

describe('matchExpressions', () => {
  const labelled = [
    pod('prod', 'web', { labels: { app: 'web' } }),
    pod('prod', 'tier-front', { labels: { tier: 'front' } }),
    pod('prod', 'tier-back', { labels: { tier: 'back' } }),
    pod('prod', 'no-tier', { labels: { app: 'x' } }),
  ];
  const sources = ['Pod/prod/tier-front', 'Pod/prod/tier-back', 'Pod/prod/no-tier'];
  const admitted = (expression: string): string[] => {
    const network = cluster(
      ...labelled,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchExpressions: [${expression}]}}]}]`,
    );
    return sources.filter((source) => reaches(network, source, 'Pod/prod/web'));
  };

  it.each([
    ['{key: tier, operator: In, values: [front]}', ['Pod/prod/tier-front']],
    ['{key: tier, operator: In, values: [front, back]}', ['Pod/prod/tier-front', 'Pod/prod/tier-back']],
    ['{key: tier, operator: NotIn, values: [front]}', ['Pod/prod/tier-back', 'Pod/prod/no-tier']],
    ['{key: tier, operator: Exists}', ['Pod/prod/tier-front', 'Pod/prod/tier-back']],
    ['{key: tier, operator: DoesNotExist}', ['Pod/prod/no-tier']],
    ['{key: tier, operator: Exists}, {key: tier, operator: NotIn, values: [back]}', ['Pod/prod/tier-front']],
  ])('%s admits %j (NotIn matches pods without the key)', (expression, expected) => {
    expect(admitted(expression)).toEqual(expected);
  });

  it('matchLabels and matchExpressions in one selector are ANDed', () => {
    const network = cluster(
      ...labelled,
      pod('prod', 'front-canary', { labels: { tier: 'front', track: 'canary' } }),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {tier: front}, matchExpressions: [{key: track, operator: Exists}]}}]}]`,
    );
    expect(reaches(network, 'Pod/prod/front-canary', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'Pod/prod/tier-front', 'Pod/prod/web')).toBe(false);
  });

  it('a policy with an unknown operator would be rejected by the API server: it is reported and has no effect', () => {
    const network = cluster(
      ...labelled,
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typo, namespace: prod}
spec:
  podSelector: {matchExpressions: [{key: app, operator: in, values: [web]}]}
  ingress: []`,
    );
    expect(network.invalidPolicies).toMatchObject([{ policy: { ref: { name: 'typo' } }, problems: [expect.stringContaining('unknown operator in')] }]);
    expect(reaches(network, 'Pod/prod/no-tier', 'Pod/prod/web')).toBe(true);
  });
});
