import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('probes-missing', () => {
  it('says which probe is missing and points at it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - { name: none, image: app:1.0 }
    - { name: live-only, image: app:1.0, livenessProbe: { tcpSocket: { port: 80 } } }
    - { name: ready-only, image: app:1.0, readinessProbe: { tcpSocket: { port: 80 } } }
`;
    expect(findingsOf('probes-missing', text).map((finding) => [finding.container, finding.messageId, finding.path])).toEqual([
      ['live-only', 'readinessMissing', 'spec.containers[1].readinessProbe'],
      ['none', 'bothMissing', 'spec.containers[0].livenessProbe'],
      ['ready-only', 'livenessMissing', 'spec.containers[2].livenessProbe'],
    ]);
  });

  it("leaves out a container admission added to a controller's Pods (a mesh's proxy), as it does sidecars", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, uid: d-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - { name: web, image: app:1.0 }
---
apiVersion: v1
kind: Pod
metadata:
  name: web-x1
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  containers:
    - { name: web, image: app:1.0 }
    - { name: istio-proxy, image: docker.io/istio/proxyv2:1.22.3 }
`;
    expect(findingsOf('probes-missing', text).map((finding) => [finding.object.kind, finding.container])).toEqual([['Deployment', 'web']]);
  });
});
