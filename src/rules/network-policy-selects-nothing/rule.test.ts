import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('network-policy-selects-nothing', () => {
  it('names the value the pods carry for a mistyped label, at spec.podSelector', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: scrape, namespace: shop }
spec:
  podSelector: { matchLabels: { app.kubernetes.io/part-of: web-shop, tier: web } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, app.kubernetes.io/part-of: webshop, tier: web } }
    spec: { containers: [{ name: c, image: i:1 }] }
`;
    const [finding] = findingsOf('network-policy-selects-nothing', text);
    expect(finding.message).toBe('NetworkPolicy shop/scrape selects no pod of namespace shop: no pod has app.kubernetes.io/part-of=web-shop (pods carry app.kubernetes.io/part-of=webshop).');
    expect(finding.path).toBe('spec.podSelector');
    expect(finding.location.line).toBe(5);
  });
});
