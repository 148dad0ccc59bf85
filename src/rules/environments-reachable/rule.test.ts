import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const deployment = (namespace: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: c, image: i:1 }] }
`;

describe('environments-reachable', () => {
  it('names the non-production namespaces, a witness pair and why it is allowed, once per production namespace', () => {
    const findings = findingsOf('environments-reachable', [deployment('shop-prod'), deployment('shop-dev'), deployment('shop-staging')].join('---\n'));
    expect(findings.map((finding) => finding.message)).toEqual([
      "Production namespace shop-prod is reachable from shop-dev (development), shop-staging (staging): for example Deployment shop-dev/api → Deployment shop-prod/api (nothing isolates the source's egress, and nothing isolates the destination's ingress).",
    ]);
  });

  it('says nothing when dev egress is denied', () => {
    const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop-dev }\nspec: { podSelector: {}, policyTypes: [Egress] }\n';
    expect(findingsOf('environments-reachable', [deployment('shop-prod'), deployment('shop-dev'), deny].join('---\n'))).toEqual([]);
  });
});
