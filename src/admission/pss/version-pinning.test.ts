/** A pinned policy version (`pod-security.kubernetes.io/enforce-version: v1.N`) runs the checks as they were at v1.N. */
import { describe, expect, it } from 'vitest';
import { checkPod, type PssVersion } from './index.js';
import { hardenedContainer, plainPod, restrictedPod } from './test-pods.js';

const refusedAt = (pod: ReturnType<typeof plainPod>, level: 'baseline' | 'restricted', version: PssVersion) =>
  checkPod(pod, level, version).map((violation) => violation.control);

describe('probe and lifecycle hosts', () => {
  const probeHost = plainPod({ containers: [{ name: 'app', readinessProbe: { tcpSocket: { host: '169.254.169.254', port: 80 } } }] });
  const hookHost = plainPod({ containers: [{ name: 'app', lifecycle: { preStop: { httpGet: { host: 'localhost', port: 80 } } } }] });

  it('are allowed up to v1.33 and refused from v1.34, localhost included', () => {
    for (const pod of [probeHost, hookHost]) {
      expect(refusedAt(pod, 'baseline', 'v1.33')).toEqual([]);
      expect(refusedAt(pod, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
      expect(refusedAt(pod, 'baseline', 'latest')).toEqual(['hostProbesAndHostLifecycle']);
    }
    expect(checkPod(hookHost, 'baseline')[0]).toMatchObject({
      path: ['spec', 'containers', 0, 'lifecycle', 'preStop', 'httpGet', 'host'],
      value: 'localhost',
    });
  });

  it('admit an empty host', () => {
    const emptyHost = plainPod({ containers: [{ name: 'app', startupProbe: { httpGet: { host: '', port: 80 } } }] });
    expect(refusedAt(emptyHost, 'baseline', 'latest')).toEqual([]);
  });
});

describe('sysctls', () => {
  const withSysctl = (name: string) => plainPod({ securityContext: { sysctls: [{ name, value: '1' }] } });

  it.each([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_fin_timeout', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ] as const)('%s is refused at %s and safe from %s', (name, before, from) => {
    expect(refusedAt(withSysctl(name), 'baseline', before)).toEqual(['sysctls']);
    expect(refusedAt(withSysctl(name), 'baseline', from)).toEqual([]);
  });

  it('allows the original safe set at v1.0 and never an unsafe or slash-spelled one', () => {
    expect(refusedAt(withSysctl('net.ipv4.ping_group_range'), 'baseline', 'v1.0')).toEqual([]);
    expect(refusedAt(withSysctl('kernel.msgmax'), 'baseline', 'latest')).toEqual(['sysctls']);
    expect(refusedAt(withSysctl('net/ipv4/ping_group_range'), 'baseline', 'latest')).toEqual(['sysctls']);
  });
});

describe('SELinux', () => {
  const withType = (type: string) => plainPod({ securityContext: { seLinuxOptions: { type, level: 's0:c1,c2' } } });

  it('allows container_engine_t from v1.31 and never spc_t', () => {
    expect(refusedAt(withType('container_engine_t'), 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    expect(refusedAt(withType('container_engine_t'), 'baseline', 'v1.31')).toEqual([]);
    expect(refusedAt(withType('spc_t'), 'baseline', 'latest')).toEqual(['seLinuxOptions']);
  });
});

describe('restricted checks that appeared over time', () => {
  it('requires allowPrivilegeEscalation=false from v1.8', () => {
    const pod = restrictedPod({ containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'] } } }] });
    expect(refusedAt(pod, 'restricted', 'v1.7')).toEqual([]);
    expect(refusedAt(pod, 'restricted', 'v1.8')).toEqual(['allowPrivilegeEscalation']);
  });

  it('refuses runAsUser=0 from v1.23', () => {
    const pod = restrictedPod({ containers: [hardenedContainer('app', {}, { runAsUser: 0 })] });
    expect(refusedAt(pod, 'restricted', 'v1.22')).toEqual([]);
    expect(refusedAt(pod, 'restricted', 'v1.23')).toEqual(['runAsUser']);
  });

  it('requires dropping ALL capabilities from v1.22', () => {
    const pod = restrictedPod({ containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false } }] });
    expect(refusedAt(pod, 'restricted', 'v1.21')).toEqual([]);
    expect(refusedAt(pod, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
  });
});

describe('seccomp before and after v1.19', () => {
  const legacyUnconfined = plainPod({}, { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' });
  const containerAnnotation = plainPod({}, { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' });
  const fieldUnconfined = plainPod({ securityContext: { seccompProfile: { type: 'Unconfined' } } });

  it('reads only the legacy annotations before v1.19', () => {
    expect(refusedAt(legacyUnconfined, 'baseline', 'v1.18')).toEqual(['seccompProfile_baseline']);
    expect(checkPod(containerAnnotation, 'baseline', 'v1.18')).toMatchObject([
      { path: ['metadata', 'annotations', 'container.seccomp.security.alpha.kubernetes.io/app'], container: { name: 'app' } },
    ]);
    expect(refusedAt(fieldUnconfined, 'baseline', 'v1.18')).toEqual([]);
  });

  it('reads only the securityContext fields from v1.19', () => {
    expect(refusedAt(legacyUnconfined, 'baseline', 'v1.19')).toEqual([]);
    expect(refusedAt(fieldUnconfined, 'baseline', 'v1.19')).toEqual(['seccompProfile_baseline']);
  });

  it('does not require a profile at restricted before v1.19, and does from then on', () => {
    const noProfile = restrictedPod({ securityContext: { runAsNonRoot: true } });
    expect(refusedAt(noProfile, 'restricted', 'v1.18')).toEqual([]);
    expect(refusedAt(noProfile, 'restricted', 'v1.19')).toEqual(['seccompProfile_restricted']);
  });

  it('ignores a container annotation for a container the pod does not have', () => {
    const orphan = plainPod({}, { 'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined' });
    expect(refusedAt(orphan, 'baseline', 'v1.18')).toEqual([]);
  });
});
