import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('default-service-account', () => {
  it('names the field that chose default, or says none was named, and points where the account goes', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: { name: deprecated, namespace: shop }
spec:
  serviceAccount: default
  containers: [{ name: app, image: app:1.0 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: unnamed, namespace: shop }
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec:
      containers: [{ name: app, image: app:1.0 }]
`;
    expect(findingsOf('default-service-account', text).map((finding) => [finding.message, finding.path])).toEqual([
      ['Deployment shop/unnamed names no service account, so it runs as shop/default.', 'spec.template.spec.serviceAccountName'],
      ['Pod shop/deprecated runs as shop/default: serviceAccount is default.', 'spec.serviceAccount'],
    ]);
  });
});
