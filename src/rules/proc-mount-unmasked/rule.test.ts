import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const pod = (hostUsers: boolean): string => `
apiVersion: v1
kind: Pod
metadata: { name: builder, namespace: ci }
spec:
  hostUsers: ${String(hostUsers)}
  containers:
    - name: builder
      image: quay.io/buildah/stable:v1.37
      securityContext: { procMount: Unmasked }
`;

const verdict = (text: string, pssVersion = 'latest', kubernetesVersion?: string): string[][] =>
  findingsOf('proc-mount-unmasked', text, { pssVersion, ...(kubernetesVersion ? { kubernetesVersion } : {}) }).map((finding) => [finding.messageId, finding.severity]);

describe('proc-mount-unmasked', () => {
  it("is high in the node's user namespace", () => {
    expect(verdict(pod(true))).toEqual([['unmasked', 'high']]);
  });

  it('is low in a user namespace, whichever PSA check refuses it at the pinned version', () => {
    expect(verdict(pod(false))).toEqual([['unmaskedInUserNamespace', 'low']]);
    expect(verdict(pod(false), 'v1.34')).toEqual([['unmaskedInUserNamespace', 'low']]);
    expect(verdict(pod(false), 'latest', 'v1.33.0')).toEqual([['unmaskedInUserNamespace', 'low']]);
  });

  it('is high where the cluster gives no user namespace: before v1.33 the API server drops hostUsers', () => {
    expect(verdict(pod(false), 'latest', 'v1.32.4')).toEqual([['unmasked', 'high']]);
  });
});
