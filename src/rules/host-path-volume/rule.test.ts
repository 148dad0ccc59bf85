import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';

describe('host-path-volume', () => {
  it('reports each hostPath volume, critical for the node root', () => {
    const findings = findingsOf(
      'host-path-volume',
      `
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: ops }
spec:
  containers: [{ name: agent, image: ghcr.io/acme/agent:1.0.0 }]
  volumes:
    - name: logs
      hostPath: { path: /var/log }
    - name: config
      configMap: { name: agent }
    - name: root
      hostPath: { path: / }
`,
    );
    expect(findings.map((finding) => [finding.severity, finding.path, finding.message])).toEqual([
      ['critical', 'spec.volumes[2].hostPath', 'Volume root of Pod ops/agent mounts the node\'s whole filesystem ("/").'],
      ['high', 'spec.volumes[0].hostPath', 'Volume logs of Pod ops/agent mounts the node directory "/var/log".'],
    ]);
  });
});
