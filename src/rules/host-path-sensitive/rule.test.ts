import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../testing/scan-text.js';
import { normalizeHostPath } from '../host-path-mounts.js';
import { sensitivePlacesIn } from './sensitive-locations.js';

/** A pod that mounts one host path, with the volumeMount fields given (YAML flow mapping entries). */
const pod = (hostPath: string, mount = ''): string => `
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: ops }
spec:
  containers:
    - name: agent
      image: ghcr.io/acme/agent:1.0.0
      volumeMounts: [{ name: host, mountPath: /host${mount ? `, ${mount}` : ''} }]
  volumes: [{ name: host, hostPath: { path: "${hostPath}" } }]
`;

const severityOf = (hostPath: string, mount = ''): string | undefined => findingsOf('host-path-sensitive', pod(hostPath, mount)).map((finding) => finding.severity)[0];

describe('host-path-sensitive', () => {
  it('rates a mount by what writing or reading the place gives', () => {
    expect(severityOf('/')).toBe('critical');
    expect(severityOf('/', 'readOnly: true')).toBe('high');
    expect(severityOf('/var/log', 'readOnly: true')).toBe('medium');
    expect(severityOf('/var/log')).toBe('critical');
    expect(severityOf('/run', 'readOnly: true')).toBe('high'); // sockets work through read-only mounts
    expect(severityOf('/etc/hosts')).toBe('high');
    expect(severityOf('/etc/hosts', 'readOnly: true')).toBeUndefined();
    expect(severityOf('/lib/modules', 'readOnly: true')).toBeUndefined();
    expect(severityOf('/var/lib/kubelet/device-plugins')).toBe('high'); // the deepest place decides, not /var/lib/kubelet
    expect(severityOf('/var/lib/kubelet/pods')).toBe('critical');
  });

  it('is one step lower for a container that can neither run as root nor escalate to it', () => {
    const nonRoot = (securityContext: string, spec = ''): string | undefined =>
      findingsOf('host-path-sensitive', pod('/etc').replace('    - name: agent\n', `    - name: agent\n      securityContext: ${securityContext}\n`).replace('spec:\n', `spec:\n  ${spec}\n`))[0]?.severity;
    expect(nonRoot('{ runAsNonRoot: true, allowPrivilegeEscalation: false }')).toBe('high');
    expect(nonRoot('{ runAsUser: 1000, allowPrivilegeEscalation: false }')).toBe('high');
    expect(nonRoot('{ runAsNonRoot: true }')).toBe('critical'); // a setuid binary can still make it root
    expect(nonRoot('{ allowPrivilegeEscalation: false }')).toBe('critical'); // the image's user may be root
    expect(nonRoot('{ allowPrivilegeEscalation: false }', 'hostUsers: false')).toBe('high'); // root inside is not root on the node
  });

  it('takes hostUsers: false for nothing on a cluster older than v1.33, which drops the field', () => {
    const withUserNamespace = pod('/etc').replace('    - name: agent\n', '    - name: agent\n      securityContext: { allowPrivilegeEscalation: false }\n').replace('spec:\n', 'spec:\n  hostUsers: false\n');
    const at = (kubernetesVersion: string): string | undefined => findingsOf('host-path-sensitive', withUserNamespace, { kubernetesVersion })[0]?.severity;
    expect(at('v1.32.9')).toBe('critical');
    expect(at('v1.33.0')).toBe('high');
  });

  it('judges the directory a subPath narrows the mount to', () => {
    expect(severityOf('/', 'subPath: etc/ssl/certs, readOnly: true')).toBeUndefined();
    expect(severityOf('/', 'subPath: var/lib/kubelet, readOnly: true')).toBe('high');
    // subPathExpr is expanded at runtime: the widest directory, the volume's own, is judged.
    expect(severityOf('/', 'subPathExpr: $(POD_NAME), readOnly: true')).toBe('high');
  });

  it('points at the volumeMount, and at the volume when nothing mounts it', () => {
    expect(findingsOf('host-path-sensitive', pod('/etc')).map((finding) => finding.path)).toEqual(['spec.containers[0].volumeMounts[0]']);
    const unmounted = findingsOf('host-path-sensitive', pod('/etc').replace(/ +volumeMounts: .*\n/, ''));
    expect(unmounted.map((finding) => [finding.severity, finding.path])).toEqual([['medium', 'spec.volumes[0].hostPath.path']]);
  });

  it('names the most telling places a parent directory contains', () => {
    const [finding] = findingsOf('host-path-sensitive', pod('/var/lib', 'readOnly: true'));
    expect(finding.message).toBe(
      "Container agent of Pod ops/agent mounts host path /var/lib read-only at /host, which exposes /var/lib/kubelet (every pod's service-account tokens and Secret volumes, the kubelet's credentials), /var/lib/docker (every container's filesystem and image layers), /var/lib/containerd (every container's filesystem and image layers) and 2 more.",
    );
  });
});

describe('host paths', () => {
  it('are normalised the way the node resolves them', () => {
    expect(['//etc/', '/etc/.', '/./etc', '/var/../etc', 'etc'].map(normalizeHostPath)).toEqual(['/etc', '/etc', '/etc', '/etc', '/etc']);
    expect(normalizeHostPath('C:\\Windows\\')).toBe('c:/windows/');
  });

  it('are sensitive when they are, contain or lie inside a sensitive place', () => {
    const relations = (path: string): string[] => sensitivePlacesIn(path).map((place) => `${place.relation} ${place.location}`);
    expect(relations('/etc/kubernetes/pki')).toEqual(['inside /etc/kubernetes']);
    expect(relations('/etc')).toContain('contains /etc/kubernetes');
    expect(relations('/var/run')).toEqual(['is /run', 'contains /run/systemd', 'contains /run/dbus']); // /var/run is /run
    expect(relations('/var/lib/docker-data')).toEqual([]);
    expect(relations('/home/ubuntu/.ssh')).toEqual(['inside /home']);
    expect(relations('/data/.ssh/id_rsa')).toEqual(['inside /data/.ssh']);
  });
});
