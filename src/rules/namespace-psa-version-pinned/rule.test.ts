import { expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

it('lists exactly the controls the pinned version does not enforce', () => {
  const findings = findingsOf(
    'namespace-psa-version-pinned',
    `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.33
`,
  );
  expect(findings).toHaveLength(1);
  expect(findings[0].message).toMatch(/v1\.34/);
  expect(findings[0].message).toMatch(/v1\.35/);
  expect(findings[0].message).not.toMatch(/v1\.19|v1\.22/);
  expect(findings[0].path).toBe('metadata.labels["pod-security.kubernetes.io/enforce-version"]');
});
