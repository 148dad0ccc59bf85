import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('secret-env-reference', () => {
  it('lists every variable taken from a Secret and relates the Secrets that are in the input', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
type: Opaque
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop }
spec:
  containers:
    - name: api
      image: api:1.0
      envFrom:
        - { secretRef: { name: upstream }, prefix: UP_ }
      env:
        - name: DB_PASSWORD
          valueFrom: { secretKeyRef: { name: db, key: password } }
`;
    const findings = findingsOf('secret-env-reference', text);
    expect(findings.map((finding) => [finding.path, finding.message, finding.related.map((ref) => `${ref.kind}/${ref.name}`)])).toEqual([
      [
        'spec.containers[0].env[0].valueFrom.secretKeyRef',
        'Container api of Pod shop/api takes Secret values into its environment: DB_PASSWORD from db/password, every key of upstream (prefixed UP_).',
        ['Secret/db'],
      ],
    ]);
  });
});
