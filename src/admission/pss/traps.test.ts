/** The places where a PSS evaluator usually goes wrong, each checked against what PSA does. */
import { describe, expect, it } from 'vitest';
import { checkPod, type PssViolation } from './index.js';
import { hardenedContainer, plainPod, restrictedPod } from './test-pods.js';

const controlsOf = (violations: PssViolation[]) => [...new Set(violations.map((violation) => violation.control))];

describe('runAsNonRoot', () => {
  it('refuses a container that says false even when the pod says true', () => {
    const pod = restrictedPod({ containers: [hardenedContainer('app', {}, { runAsNonRoot: false })] });
    expect(checkPod(pod, 'restricted')).toEqual([
      {
        control: 'runAsNonRoot',
        level: 'restricted',
        path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
        container: { name: 'app', list: 'containers', index: 0 },
        value: false,
        reason: 'forbidden',
        detail: 'container "app" sets securityContext.runAsNonRoot=false',
      },
    ]);
  });

  it('refuses a pod that says false even when every container says true', () => {
    const pod = restrictedPod({
      containers: [hardenedContainer('app', {}, { runAsNonRoot: true })],
      securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(checkPod(pod, 'restricted').map((violation) => violation.path)).toEqual([['spec', 'securityContext', 'runAsNonRoot']]);
  });

  it('asks each container without its own setting for it when the pod sets nothing', () => {
    const pod = restrictedPod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
    const [violation] = checkPod(pod, 'restricted');
    expect(violation).toMatchObject({ control: 'runAsNonRoot', reason: 'missing', path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'] });
    expect(violation.value).toBeUndefined();
  });
});

describe('seccomp', () => {
  const unconfinedPodLevel = { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } };

  it('refuses a pod-level Unconfined even though the container sets RuntimeDefault (PSA judges every setter)', () => {
    const pod = restrictedPod({
      containers: [hardenedContainer('app', {}, { seccompProfile: { type: 'RuntimeDefault' } })],
      securityContext: unconfinedPodLevel,
    });
    for (const level of ['baseline', 'restricted'] as const) {
      expect(checkPod(pod, level)).toMatchObject([
        { control: `seccompProfile_${level}`, path: ['spec', 'securityContext', 'seccompProfile', 'type'], value: 'Unconfined', reason: 'forbidden' },
      ]);
    }
  });

  it('lets a pod-level profile cover containers, and containers cover a pod without one', () => {
    expect(checkPod(restrictedPod(), 'restricted')).toEqual([]);
    const perContainer = restrictedPod({
      containers: [hardenedContainer('app', {}, { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })],
      securityContext: { runAsNonRoot: true },
    });
    expect(checkPod(perContainer, 'restricted')).toEqual([]);
  });

  it('asks only the containers not covered when the pod sets no profile', () => {
    const pod = restrictedPod({
      containers: [hardenedContainer('a', {}, { seccompProfile: { type: 'RuntimeDefault' } }), hardenedContainer('b')],
      securityContext: { runAsNonRoot: true },
    });
    expect(checkPod(pod, 'restricted')).toMatchObject([
      { control: 'seccompProfile_restricted', reason: 'missing', container: { name: 'b', index: 1 } },
    ]);
    expect(checkPod(pod, 'baseline')).toEqual([]);
  });
});

describe('containers means containers, initContainers and ephemeralContainers', () => {
  it('refuses a privileged ephemeral container, naming its list', () => {
    const pod = plainPod({ ephemeralContainers: [{ name: 'debugger', securityContext: { privileged: true } }] });
    expect(checkPod(pod, 'baseline')).toMatchObject([
      {
        control: 'privileged',
        container: { name: 'debugger', list: 'ephemeralContainers', index: 0 },
        path: ['spec', 'ephemeralContainers', 0, 'securityContext', 'privileged'],
        detail: 'ephemeral container "debugger" sets securityContext.privileged=true',
      },
    ]);
  });

  it('holds an ephemeral container to every restricted requirement', () => {
    const pod = restrictedPod({ ephemeralContainers: [{ name: 'debugger', image: 'busybox' }] });
    expect(controlsOf(checkPod(pod, 'restricted'))).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted']);
  });

  it('reads probe hosts and hostPorts of init containers too', () => {
    const pod = plainPod({ initContainers: [{ name: 'init', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    expect(checkPod(pod, 'baseline')).toMatchObject([{ control: 'hostPorts', value: 8080, container: { list: 'initContainers' } }]);
  });
});

describe('Windows pods (spec.os.name=windows)', () => {
  const windowsPod = plainPod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true } });

  it('skip allowPrivilegeEscalation, restricted seccomp and restricted capabilities from policy v1.25', () => {
    expect(checkPod(windowsPod, 'restricted', 'latest')).toEqual([]);
    expect(checkPod(windowsPod, 'restricted', 'v1.25')).toEqual([]);
    expect(controlsOf(checkPod(windowsPod, 'restricted', 'v1.24'))).toEqual([
      'allowPrivilegeEscalation',
      'seccompProfile_restricted',
      'capabilities_restricted',
    ]);
  });

  it('still need runAsNonRoot and every baseline control', () => {
    expect(controlsOf(checkPod(plainPod({ os: { name: 'windows' } }), 'restricted'))).toEqual(['runAsNonRoot']);
    const hostProcess = plainPod({ os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } } });
    expect(controlsOf(checkPod(hostProcess, 'baseline'))).toEqual(['windowsHostProcess', 'hostNamespaces']);
  });
});

describe('user namespaces (spec.hostUsers: false)', () => {
  const rootInUserNamespace = restrictedPod({
    hostUsers: false,
    containers: [hardenedContainer('app', {}, { runAsUser: 0 })],
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  });

  it('exempt runAsNonRoot and runAsUser from policy v1.35, not before', () => {
    expect(checkPod(rootInUserNamespace, 'restricted', 'latest')).toEqual([]);
    expect(controlsOf(checkPod(rootInUserNamespace, 'restricted', 'v1.34'))).toEqual(['runAsNonRoot', 'runAsUser']);
    expect(controlsOf(checkPod({ ...rootInUserNamespace, spec: { ...rootInUserNamespace.spec, hostUsers: true } }, 'restricted'))).toEqual([
      'runAsNonRoot',
      'runAsUser',
    ]);
  });

  it('exempt an Unmasked /proc at baseline from v1.35, but restricted still refuses it', () => {
    const unmasked = plainPod({ hostUsers: false, containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }] });
    expect(checkPod(unmasked, 'baseline', 'latest')).toEqual([]);
    expect(controlsOf(checkPod(unmasked, 'baseline', 'v1.34'))).toEqual(['procMount']);
    const restrictedUnmasked = restrictedPod({ hostUsers: false, containers: [hardenedContainer('app', {}, { procMount: 'Unmasked' })] });
    expect(controlsOf(checkPod(restrictedUnmasked, 'restricted', 'latest'))).toEqual(['procMount_restricted']);
    expect(controlsOf(checkPod(restrictedUnmasked, 'restricted', 'v1.34'))).toEqual(['procMount']);
  });
});

describe('capabilities are compared exactly, as PSA compares them', () => {
  const withCapabilities = (capabilities: Record<string, unknown>) =>
    restrictedPod({ containers: [hardenedContainer('app', {}, { capabilities })] });

  it('at baseline, CHOWN may be added but not chown, CAP_CHOWN or NET_RAW', () => {
    expect(checkPod(withCapabilities({ add: ['CHOWN', 'SYS_CHROOT'] }), 'baseline')).toEqual([]);
    const refused = checkPod(withCapabilities({ add: ['chown', 'CAP_CHOWN', 'NET_RAW', 'CHOWN'] }), 'baseline');
    expect(refused.map((violation) => [violation.value, violation.path.at(-1)])).toEqual([
      ['chown', 0],
      ['CAP_CHOWN', 1],
      ['NET_RAW', 2],
    ]);
  });

  it('at restricted, only NET_BIND_SERVICE may be added back and only "ALL" counts as dropping all', () => {
    expect(checkPod(withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }), 'restricted')).toEqual([]);
    expect(checkPod(withCapabilities({ drop: ['ALL'], add: ['net_bind_service'] }), 'restricted')).toMatchObject([
      { control: 'capabilities_restricted', reason: 'forbidden', value: 'net_bind_service' },
    ]);
    expect(checkPod(withCapabilities({ drop: ['all'] }), 'restricted')).toMatchObject([
      { control: 'capabilities_restricted', reason: 'missing', value: ['all'], path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'] },
    ]);
  });

  it('replaces the baseline capability check at restricted from v1.22, so NET_RAW is reported once', () => {
    const netRaw = withCapabilities({ drop: ['ALL'], add: ['NET_RAW'] });
    expect(controlsOf(checkPod(netRaw, 'restricted', 'latest'))).toEqual(['capabilities_restricted']);
    expect(controlsOf(checkPod(netRaw, 'restricted', 'v1.21'))).toEqual(['capabilities_baseline']);
  });
});

describe('AppArmor: the field and the annotation are both read', () => {
  it('refuses Unconfined in the pod field, the container field and the annotation', () => {
    const pod = plainPod(
      {
        securityContext: { appArmorProfile: { type: 'Unconfined' } },
        containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Unconfined' } } }],
      },
      { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' },
    );
    expect(checkPod(pod, 'baseline').map((violation) => violation.path)).toEqual([
      ['spec', 'securityContext', 'appArmorProfile', 'type'],
      ['spec', 'containers', 0, 'securityContext', 'appArmorProfile', 'type'],
      ['metadata', 'annotations', 'container.apparmor.security.beta.kubernetes.io/app'],
    ]);
  });

  it('admits the runtime default and node-local profiles in either form', () => {
    const pod = plainPod(
      { containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-nginx' } } }] },
      {
        'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-nginx',
        'container.apparmor.security.beta.kubernetes.io/sidecar': 'runtime/default',
      },
    );
    expect(checkPod(pod, 'baseline')).toEqual([]);
  });
});

describe('volumes', () => {
  it('reports a hostPath once at restricted, as restrictedVolumes, with the host path as value at baseline', () => {
    const pod = restrictedPod({ volumes: [{ name: 'root', hostPath: { path: '/' } }] });
    expect(checkPod(pod, 'baseline')).toMatchObject([{ control: 'hostPathVolumes', value: '/', path: ['spec', 'volumes', 0, 'hostPath'] }]);
    expect(checkPod(pod, 'restricted')).toMatchObject([{ control: 'restrictedVolumes', value: 'hostPath' }]);
  });

  it('admits a volume with no source, which the API server turns into an emptyDir, and refuses nfs', () => {
    expect(checkPod(restrictedPod({ volumes: [{ name: 'scratch' }, { name: 'img', image: { reference: 'x' } }] }), 'restricted')).toEqual([]);
    expect(checkPod(restrictedPod({ volumes: [{ name: 'share', nfs: { server: 'nas', path: '/' } }] }), 'restricted')).toMatchObject([
      { control: 'restrictedVolumes', value: 'nfs', path: ['spec', 'volumes', 0, 'nfs'] },
    ]);
  });
});

describe('untrusted input', () => {
  it('treats fields of the wrong type as absent, as the API server would never let them through', () => {
    const pod = plainPod({ hostPID: 'true', containers: [{ name: 'app', securityContext: { privileged: 'yes' } }, 'not-a-container'] });
    expect(checkPod(pod, 'baseline')).toEqual([]);
    expect(() => checkPod({ metadata: { annotations: {} }, spec: { containers: 5, volumes: [null] } }, 'restricted')).not.toThrow();
  });
});
