import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('run-as-root', () => {
  it('reports runAsUser: 0 over a missing runAsNonRoot on the same container, once', () => {
    const findings = findingsOf(
      'run-as-root',
      `
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      securityContext: { runAsUser: 0 }
`,
    );
    expect(findings.map((finding) => [finding.messageId, finding.path])).toEqual([['runsAsRoot', 'spec.containers[0].securityContext.runAsUser']]);
  });

  it('reports a pod-level runAsNonRoot: false once for the pod and once per container that inherits it', () => {
    const findings = findingsOf(
      'run-as-root',
      `
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  securityContext: { runAsNonRoot: false }
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
    - name: pinned
      image: ghcr.io/acme/sidecar:1.0.0
      securityContext: { runAsUser: 1000 }
`,
    );
    expect(findings.map((finding) => [finding.container ?? '-', finding.path, finding.message])).toEqual([
      ['-', 'spec.securityContext.runAsNonRoot', 'Pod shop/app may run as root: the pod sets runAsNonRoot: false.'],
      ['app', 'spec.containers[0].securityContext.runAsNonRoot', 'Container app of Pod shop/app may run as root: runAsNonRoot is not true on it or on the pod, so the image decides.'],
    ]);
  });
});
