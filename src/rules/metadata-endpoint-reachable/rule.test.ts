import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const deployment = (name: string, namespace: string, app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  selector: { matchLabels: { app: ${app} } }
  template:
    metadata: { labels: { app: ${app} } }
    spec: { containers: [{ name: c, image: i:1 }] }
`;

const policy = (name: string, namespace: string, app: string, egress: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  podSelector: { matchLabels: { app: ${app} } }
  policyTypes: [Egress]
  egress: ${egress}
`;

describe('metadata-endpoint-reachable', () => {
  it('answers each workload by the policies isolating its own pods, whichever workload was asked first', () => {
    const text = [
      deployment('open', 'shop', 'open'), // no policy
      deployment('web', 'shop', 'web'), // allowed by a broad ipBlock
      deployment('db', 'shop', 'db'), // egress to pods only
      deployment('api', 'shop', 'api'), // both of the above: the ipBlock still allows it
      deployment('worker', 'jobs', 'worker'), // the same kind of policy, another namespace
      policy('web-out', 'shop', 'web', '[{ to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]'),
      policy('db-out', 'shop', 'db', '[{ to: [{ podSelector: {} }] }]'),
      policy('api-pods', 'shop', 'api', '[{ to: [{ podSelector: {} }] }]'),
      policy('api-out', 'shop', 'api', '[{ to: [{ ipBlock: { cidr: 169.254.0.0/16 } }], ports: [{ port: 80 }] }]'),
      policy('worker-out', 'jobs', 'worker', '[{ to: [{ podSelector: {} }] }]'),
    ].join('---\n');
    const messages = findingsOf('metadata-endpoint-reachable', text)
      .map((finding) => finding.message)
      .sort();
    expect(messages).toEqual([
      'Deployment shop/api can reach the cloud metadata endpoint 169.254.169.254: spec.egress[0] of NetworkPolicy shop/api-out allows it.',
      'Deployment shop/open can reach the cloud metadata endpoint 169.254.169.254: no NetworkPolicy isolates its egress.',
      'Deployment shop/web can reach the cloud metadata endpoint 169.254.169.254: spec.egress[0] of NetworkPolicy shop/web-out allows it.',
    ]);
  });
});
