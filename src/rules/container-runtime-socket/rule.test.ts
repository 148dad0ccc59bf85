import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';
import { normalizeHostPath } from '../host-path-mounts.js';
import { runtimeSocketReachedBy } from './runtime-sockets.js';

const reaches = (path: string): string | undefined => {
  const match = runtimeSocketReachedBy(normalizeHostPath(path));
  return match && `${match.relation}: ${match.runtime}`;
};

describe('container-runtime-socket', () => {
  it('knows the sockets, their directories and the parents that hold them', () => {
    expect(reaches('/var/run/docker.sock')).toBe('socket: Docker');
    expect(reaches('/run/containerd/containerd.sock')).toBe('socket: containerd');
    expect(reaches('/var/run/crio/crio.sock')).toBe('socket: CRI-O');
    expect(reaches('/var/run/cri-dockerd.sock')).toBe('socket: cri-dockerd');
    expect(reaches('/run/podman/podman.sock')).toBe('socket: Podman');
    expect(reaches('/var/snap/microk8s/common/run/containerd.sock')).toBe('socket: containerd');
    expect(reaches('/run/containerd')).toBe('runtime-directory: containerd');
    expect(reaches('/run/k3s/containerd/')).toBe('runtime-directory: containerd (k3s)');
    expect(reaches('/var/run')).toBe('parent-directory: container runtime');
    expect(reaches('/')).toBe('parent-directory: container runtime');
    expect(reaches('\\\\.\\pipe\\docker_engine')).toBe('socket: Docker');
    // /var/run is a symlink the container would resolve in its own filesystem.
    expect(reaches('/var')).toBeUndefined();
    expect(reaches('/var/run/thing.sock')).toBeUndefined();
    expect(reaches('/var/lib/docker')).toBeUndefined();
  });

  it('reports each mount as critical at the volumeMount, and a volume nothing mounts as high at its path', () => {
    const findings = findingsOf(
      'container-runtime-socket',
      `
apiVersion: v1
kind: Pod
metadata: { name: builder, namespace: ci }
spec:
  containers:
    - name: build
      image: docker:27-cli
      volumeMounts: [{ name: docker, mountPath: /var/run/docker.sock, readOnly: true }]
  volumes:
    - { name: docker, hostPath: { path: /var/run/docker.sock } }
    - { name: crio, hostPath: { path: /run/crio } }
`,
    );
    expect(findings.map((finding) => [finding.severity, finding.container ?? '-', finding.path])).toEqual([
      ['critical', 'build', 'spec.containers[0].volumeMounts[0]'],
      ['high', '-', 'spec.volumes[1].hostPath.path'],
    ]);
    expect(findings[0].message).toBe(
      'Container build of Pod ci/builder mounts host path /var/run/docker.sock at /var/run/docker.sock, which reaches the Docker socket: it can start a privileged container on the node, read-only or not.',
    );
  });

  it('is lower for a container that cannot be root, and lowest for sockets inside a mounted parent directory', () => {
    const findings = findingsOf(
      'container-runtime-socket',
      `
apiVersion: v1
kind: Pod
metadata: { name: exporter, namespace: monitoring }
spec:
  securityContext: { runAsNonRoot: true, runAsUser: 65534 }
  containers:
    - name: exporter
      image: quay.io/prometheus/node-exporter:v1.8.2
      securityContext: { allowPrivilegeEscalation: false }
      volumeMounts:
        - { name: root, mountPath: /host/root, readOnly: true }
        - { name: docker, mountPath: /var/run/docker.sock }
  volumes:
    - { name: root, hostPath: { path: / } }
    - { name: docker, hostPath: { path: /var/run/docker.sock } }
`,
    );
    expect(findings.map((finding) => [finding.severity, finding.path])).toEqual([
      ['high', 'spec.containers[0].volumeMounts[1]'],
      ['medium', 'spec.containers[0].volumeMounts[0]'],
    ]);
  });
});
