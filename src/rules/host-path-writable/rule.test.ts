import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';
import { submountInside } from './submounts.js';

const pod = (hostPath: string, mount: string): string => `
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: ops }
spec:
  containers:
    - name: agent
      image: ghcr.io/acme/agent:1.0.0
      volumeMounts: [{ name: host, mountPath: /host, ${mount} }]
  volumes: [{ name: host, hostPath: { path: "${hostPath}" } }]
`;

const verdict = (hostPath: string, mount: string): string[] =>
  findingsOf('host-path-writable', pod(hostPath, mount)).map((finding) => `${finding.severity} ${finding.messageId} ${finding.path}`);

describe('host-path-writable', () => {
  it('points at the readOnly field the mount must set', () => {
    expect(verdict('/srv/data', 'readOnly: false')).toEqual(['high writable spec.containers[0].volumeMounts[0].readOnly']);
  });

  it('reports read-only mounts whose submounts stay writable, unless recursiveReadOnly makes them read-only', () => {
    expect(verdict('/', 'readOnly: true')).toEqual(['medium submountsWritable spec.containers[0].volumeMounts[0].recursiveReadOnly']);
    expect(verdict('/', 'readOnly: true, recursiveReadOnly: Enabled')).toEqual([]);
    expect(verdict('/', 'readOnly: true, recursiveReadOnly: IfPossible')).toEqual([]);
    expect(verdict('/', 'readOnly: true, recursiveReadOnly: Disabled')).toEqual(['medium submountsWritable spec.containers[0].volumeMounts[0].recursiveReadOnly']);
    expect(verdict('/srv/data', 'readOnly: true')).toEqual([]);
  });

  it('knows where nodes have mounts below a path', () => {
    expect(submountInside('/var/lib/kubelet')).toContain('/var/lib/kubelet/pods');
    expect(submountInside('/sys/fs/cgroup')).toContain('cgroup v1 controllers');
    expect(submountInside('/var/run')).toContain('/run/netns');
    expect(submountInside('/proc')).toContain('binfmt_misc');
    expect(submountInside('/var/log')).toBeUndefined();
    expect(submountInside('/dev/shm')).toBeUndefined();
  });
});
