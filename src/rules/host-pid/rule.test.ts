import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const pod = (privileged: boolean): string => `
apiVersion: v1
kind: Pod
metadata: { name: shell, namespace: ops }
spec:
  hostPID: true
  containers:
    - name: shell
      image: alpine:3.20
      securityContext: { privileged: ${String(privileged)} }
`;

describe('host-pid', () => {
  it('is critical when the pod also runs a privileged container, high otherwise', () => {
    expect(findingsOf('host-pid', pod(true)).map((finding) => [finding.messageId, finding.severity])).toEqual([['hostPidPrivileged', 'critical']]);
    expect(findingsOf('host-pid', pod(false)).map((finding) => [finding.messageId, finding.severity])).toEqual([['hostPid', 'high']]);
  });
});
