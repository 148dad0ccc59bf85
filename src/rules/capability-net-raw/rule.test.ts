import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

const pod = (securityContext: string, spec = ''): string => `
apiVersion: v1
kind: Pod
metadata: { name: app, namespace: shop }
spec:
  ${spec}
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      securityContext: ${securityContext}
`;

const verdict = (securityContext: string, spec = ''): string[] =>
  findingsOf('capability-net-raw', pod(securityContext, spec)).map((finding) => `${finding.severity} ${finding.messageId} ${finding.path}`);

describe('capability-net-raw', () => {
  it('reads capability names the way containerd does', () => {
    expect(verdict('{ capabilities: { drop: [net_raw] } }')).toEqual([]);
    expect(verdict('{ capabilities: { drop: [All] } }')).toEqual([]);
    expect(verdict('{ capabilities: { drop: [SYS_ADMIN, CAP_NET_RAW] } }')).toEqual(['low prefixed spec.containers[0].securityContext.capabilities.drop[1]']);
  });

  it('reports an add of NET_RAW or ALL at the entry, whatever is dropped', () => {
    expect(verdict('{ capabilities: { drop: [ALL], add: [CHOWN, ALL] } }')).toEqual(['medium added spec.containers[0].securityContext.capabilities.add[1]']);
  });

  it('is medium where raw sockets reach the node network: hostNetwork or privileged', () => {
    expect(verdict('{}', 'hostNetwork: true')).toEqual(['medium notDropped spec.containers[0].securityContext.capabilities.drop']);
    expect(verdict('{ privileged: true, capabilities: { drop: [ALL] } }')).toEqual(['medium privileged spec.containers[0].securityContext.privileged']);
    expect(verdict('{}')).toEqual(['low notDropped spec.containers[0].securityContext.capabilities.drop']);
  });
});
