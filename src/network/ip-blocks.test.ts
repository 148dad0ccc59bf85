import { describe, expect, it } from 'vitest';
import { cluster, pod, reaches } from './test-scenario.js';

const withPolicy = (spec: string) =>
  cluster(
    pod('prod', 'web', { labels: { app: 'web' } }),
    pod('prod', 'client', { labels: { app: 'client' } }),
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
${spec}`,
  );

describe('ipBlock peers', () => {
  it('ingress from a block with except: addresses in the hole are denied', () => {
    const network = withPolicy(`  ingress:
  - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.168.1.0/24]}}]`);
    expect(reaches(network, 'internet', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'ip:8.8.8.8', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'ip:10.20.30.40', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'ip:192.168.1.7', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'ip:192.168.2.7', 'Pod/prod/web')).toBe(true);
    expect(reaches(network, 'ip:2001:4860::8888', 'Pod/prod/web')).toBe(false); // an IPv4 block says nothing about IPv6
  });

  it('pod-to-pod traffic is judged by selectors only, even when an ipBlock spans the pod network', () => {
    const network = withPolicy(`  ingress:
  - from: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: ::/0}}]`);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'internet', 'Pod/prod/web')).toBe(true);
  });

  it('a private block does not open the pod to the internet', () => {
    const network = withPolicy(`  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]`);
    expect(reaches(network, 'internet', 'Pod/prod/web')).toBe(false);
    expect(reaches(network, 'ip:10.1.1.1', 'Pod/prod/web')).toBe(true);
  });

  it('egress: the cloud metadata endpoint is reachable unless except removes it', () => {
    const open = withPolicy(`  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]`);
    expect(reaches(open, 'Pod/prod/web', 'ip:169.254.169.254')).toBe(true);
    const blocked = withPolicy(`  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]`);
    expect(reaches(blocked, 'Pod/prod/web', 'ip:169.254.169.254')).toBe(false);
    expect(reaches(blocked, 'Pod/prod/web', 'ip:169.254.169.253')).toBe(true);
    expect(reaches(blocked, 'Pod/prod/web', 'internet')).toBe(true);
    const verdict = blocked.canReach(blocked.groups[0], { kind: 'ip', ip: '169.254.169.254' });
    expect(verdict.reasons.map((reason) => reason.kind)).toEqual(['isolated', 'no-rule-allows', 'not-isolated']);
    expect(verdict.reasons[2]).toMatchObject({ direction: 'ingress', reason: 'outside-cluster' });
  });

  it('IPv6 blocks with except', () => {
    const network = withPolicy(`  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: "::/0", except: ["fd00::/8"]}}]}]`);
    expect(reaches(network, 'Pod/prod/web', 'ip:2606:4700::1111')).toBe(true);
    expect(reaches(network, 'Pod/prod/web', 'ip:fd00::1')).toBe(false);
    expect(reaches(network, 'Pod/prod/web', 'ip:8.8.8.8')).toBe(false);
    expect(reaches(network, 'Pod/prod/web', 'internet')).toBe(true);
  });

  it.each([
    ['{cidr: 10.0.0.0/8, except: [192.168.0.0/16]}', 'strict subset'],
    ['{cidr: 10.0.0.0/8, except: [10.0.0.0/8]}', 'strict subset'],
    ['{cidr: 10.0.0.0/33}', 'not a valid CIDR'],
  ])('an invalid ipBlock %s makes the policy invalid', (block, problem) => {
    const network = withPolicy(`  ingress: [{from: [{ipBlock: ${block}}]}]`);
    expect(network.invalidPolicies[0]?.problems.join()).toContain(problem);
  });

  it('an ipBlock combined with a selector in one peer is invalid', () => {
    const network = withPolicy(`  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]`);
    expect(network.invalidPolicies[0]?.problems.join()).toContain('ipBlock may not be combined');
  });
});
