import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: c, image: i:1 }] }
`;

describe('namespace-default-deny-missing', () => {
  it('says how many workloads are open in each missing direction', () => {
    const [finding] = findingsOf('namespace-default-deny-missing', deployment);
    expect(finding.severity).toBe('medium');
    expect(finding.message).toBe('Namespace shop has no default-deny NetworkPolicy for ingress and egress; 1 of 1 workloads are open for ingress, 1 of 1 workloads are open for egress.');
    expect(finding.object).toMatchObject({ kind: 'Deployment', name: 'api' });
  });

  it('is low when every workload is isolated by its own policy for the missing direction', () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress, Egress]
  ingress: [{ from: [{ podSelector: {} }] }]
  egress: [{ to: [{ podSelector: {} }] }]
`;
    const [finding] = findingsOf('namespace-default-deny-missing', `${deployment}---\n${policy}`);
    expect(finding.severity).toBe('low');
    expect(finding.message).toBe('Namespace shop has no default-deny NetworkPolicy for ingress and egress: its 1 workloads are isolated by their own policies, but the next one deployed there will not be.');
  });
});
