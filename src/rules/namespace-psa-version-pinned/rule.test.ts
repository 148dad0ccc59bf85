import { expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

/** A namespace that pins restricted to v1.33. */
const PINNED = `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: v1.33
`;

it('lists exactly the controls the pinned version does not enforce', () => {
  const findings = findingsOf('namespace-psa-version-pinned', PINNED);
  expect(findings).toHaveLength(1);
  expect(findings[0].message).toMatch(/v1\.34/);
  expect(findings[0].message).toMatch(/v1\.35/);
  expect(findings[0].message).not.toMatch(/v1\.19|v1\.22/);
  expect(findings[0].path).toBe('metadata.labels["pod-security.kubernetes.io/enforce-version"]');
});

it("misses nothing when the cluster's own release has no newer control than the pin", () => {
  // A v1.33 API server enforces exactly what the pin says; on v1.34 the probe host check is missing, not yet /proc's.
  expect(findingsOf('namespace-psa-version-pinned', PINNED, { kubernetesVersion: 'v1.33.2' })).toHaveLength(0);
  const onNewer = findingsOf('namespace-psa-version-pinned', PINNED, { kubernetesVersion: 'v1.34.0' });
  expect(onNewer).toHaveLength(1);
  expect(onNewer[0].message).toMatch(/v1\.34/);
  expect(onNewer[0].message).not.toMatch(/v1\.35/);
});
