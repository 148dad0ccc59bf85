import { describe, expect, it } from 'vitest';
import { formatPorts } from './ports.js';
import { cluster, pod, portQuery, reaches } from './test-scenario.js';

const webPolicy = (ports: string, extraPods: string[] = []) =>
  cluster(
    pod('prod', 'web', { labels: { app: 'web' }, ports: ['http:8080', 'metrics:9100', 'dns:53/UDP'] }),
    pod('prod', 'client'),
    ...extraPods,
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - ports: ${ports}`,
  );

describe('ports', () => {
  it.each([
    // [rule ports, query, allowed]
    ['[{port: 80}]', '80', true],
    ['[{port: 80}]', '81', false],
    ['[{port: 80}]', '80/UDP', false], // protocol defaults to TCP
    ['[{port: 53, protocol: UDP}]', '53/UDP', true],
    ['[{port: 53, protocol: UDP}]', '53', false],
    ['[{port: 9000, protocol: SCTP}]', '9000/SCTP', true],
    ['[{port: 9000, protocol: SCTP}]', '9000', false],
    ['[{port: 32000, endPort: 32768}]', '32000', true],
    ['[{port: 32000, endPort: 32768}]', '32768', true],
    ['[{port: 32000, endPort: 32768}]', '32769', false],
    ['[{port: 32000, endPort: 32768}]', '31999', false],
    ['[{protocol: UDP}]', '12345/UDP', true], // no port: every port of the protocol
    ['[{protocol: UDP}]', '12345', false],
    ['[]', '12345/SCTP', true], // empty list: every port
    ['[{port: 80}, {port: 443}]', '443', true],
  ])('rule ports %s, connection to %s → %s', (ports, query, expected) => {
    expect(reaches(webPolicy(ports), 'Pod/prod/client', 'Pod/prod/web', query)).toBe(expected);
  });

  it('named ports resolve against the destination pod, per protocol', () => {
    const network = webPolicy('[{port: http}, {port: dns, protocol: UDP}, {port: metrics, protocol: UDP}]');
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '8080')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', 'http')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '80')).toBe(false);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '53/UDP')).toBe(true);
    // metrics is a TCP port on the pod: a UDP rule naming it resolves to nothing.
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '9100')).toBe(false);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '9100/UDP')).toBe(false);
    const verdict = network.canReach(network.groups[1], network.groups[0]);
    expect(formatPorts(verdict.ports)).toBe('TCP/8080, UDP/53');
  });

  it('the same port name with different numbers in two pods resolves per pod', () => {
    const network = cluster(
      pod('prod', 'web-a', { labels: { app: 'web' }, ports: ['http:8080'] }),
      pod('prod', 'web-b', { labels: { app: 'web' }, ports: ['http:9090'] }),
      pod('prod', 'client'),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: http}]}]`,
    );
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web-a', '8080')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web-a', '9090')).toBe(false);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web-b', '9090')).toBe(true);
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web-b', '8080')).toBe(false);
  });

  it('named ports in egress rules resolve against the destination, not the source', () => {
    const network = cluster(
      pod('prod', 'app', { labels: { app: 'app' }, ports: ['metrics:8000'] }),
      pod('prod', 'exporter', { labels: { app: 'exporter' }, ports: ['metrics:9100'] }),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app-egress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: app}}
  policyTypes: [Egress]
  egress: [{ports: [{port: metrics}]}]`,
    );
    expect(reaches(network, 'Pod/prod/app', 'Pod/prod/exporter', '9100')).toBe(true);
    expect(reaches(network, 'Pod/prod/app', 'Pod/prod/exporter', '8000')).toBe(false);
    // A named port cannot match an address outside the cluster.
    expect(reaches(network, 'Pod/prod/app', 'ip:8.8.8.8')).toBe(false);
  });

  it('a query by a name the destination does not have is denied with a note', () => {
    const network = webPolicy('[]');
    const verdict = network.canReach(network.groups[1], network.groups[0], portQuery('grpc'));
    expect(verdict.allowed).toBe(false);
    expect(verdict.notes).toEqual(['the destination has no container port named grpc']);
  });

  it('port sets of egress and ingress intersect', () => {
    const network = cluster(
      pod('prod', 'web', { labels: { app: 'web' } }),
      pod('prod', 'client', { labels: { app: 'client' } }),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: client, namespace: prod}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{ports: [{port: 80, endPort: 90}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: prod}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{port: 85}, {port: 443}]}]`,
    );
    const verdict = network.canReach(network.groups[1], network.groups[0]);
    expect(formatPorts(verdict.ports)).toBe('TCP/85');
    expect(reaches(network, 'Pod/prod/client', 'Pod/prod/web', '443')).toBe(false);
    const excluded = network.canReach(network.groups[1], network.groups[0], portQuery('443'));
    expect(excluded.reasons.some((reason) => reason.kind === 'rule-excludes-port' && reason.direction === 'egress')).toBe(true);
  });

  it.each([
    ['[{port: 80, endPort: 70}]', 'endPort'],
    ['[{port: http, endPort: 90}]', 'endPort'],
    ['[{port: 80, protocol: ICMP}]', 'protocol'],
    ['[{port: 70000}]', 'port'],
    ['[{port: "8080"}]', 'port'],
  ])('invalid ports %s make the policy invalid (%s)', (ports, field) => {
    const network = webPolicy(ports);
    expect(network.invalidPolicies[0]?.problems.join()).toContain(field);
    expect(network.policies).toHaveLength(0);
  });
});
