import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, uid: d1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web:1.0 }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d9f
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true }]
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: web:1.0 }]
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: unknown-scope }
`;

describe('default-namespace', () => {
  it('reports an object that names no namespace once, on the controller, and not a custom kind of unknown scope', () => {
    expect(findingsOf('default-namespace', text).map((finding) => [finding.object.kind, finding.messageId, finding.path])).toEqual([
      ['Deployment', 'implicit', 'metadata.namespace'],
    ]);
  });

  it('follows --namespace for objects that name none', () => {
    expect(findingsOf('default-namespace', text, { defaultNamespace: 'shop' })).toEqual([]);
  });
});
