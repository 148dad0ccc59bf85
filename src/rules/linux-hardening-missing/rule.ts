import { asArray, asString, getPath } from '../../model/json.js';
import type { Container, Workload } from '../../model/workload.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';

const CONFINING_PROFILE_TYPES = new Set(['RuntimeDefault', 'Localhost']);
/** SELinux types that confine nothing: options naming them are the opposite of hardening. */
const UNCONFINED_SELINUX_TYPES = new Set(['spc_t', 'unconfined_t']);

/** The deprecated annotations, which API servers still copy into the fields when the fields are unset. */
function seccompAnnotation(workload: Workload, container: Container): string | undefined {
  return workload.podAnnotations[`container.seccomp.security.alpha.kubernetes.io/${container.name}`] ?? workload.podAnnotations['seccomp.security.alpha.kubernetes.io/pod'];
}

function confiningAnnotation(value: string | undefined, runtimeDefaults: readonly string[]): boolean {
  return value !== undefined && (runtimeDefaults.includes(value) || value.startsWith('localhost/'));
}

/**
 * Which Linux hardening the runtime applies to the container. A privileged container gets no seccomp filter, every
 * capability and no default AppArmor profile, whatever its securityContext says; only a Localhost AppArmor profile
 * still applies to it.
 */
function hardeningOf(workload: Workload, container: Container): string[] {
  const security = container.security;
  const privileged = security.privileged.value === true;
  const applied: string[] = [];

  const appArmor = security.appArmorProfileType.value;
  const appArmorAnnotation = workload.podAnnotations[`container.apparmor.security.beta.kubernetes.io/${container.name}`];
  if (appArmor === 'Localhost' || (appArmor === undefined && appArmorAnnotation?.startsWith('localhost/'))) applied.push('AppArmor');
  if (privileged) return applied;
  if (appArmor === 'RuntimeDefault' || (appArmor === undefined && appArmorAnnotation === 'runtime/default')) applied.push('AppArmor');

  const seccomp = security.seccompProfileType.value;
  if ((seccomp !== undefined && CONFINING_PROFILE_TYPES.has(seccomp)) || (seccomp === undefined && confiningAnnotation(seccompAnnotation(workload, container), ['runtime/default', 'docker/default']))) {
    applied.push('seccomp');
  }

  const seLinux = security.seLinuxOptions.value;
  const seLinuxType = asString(seLinux?.type);
  const setsSeLinux = seLinux !== undefined && ['user', 'role', 'type', 'level'].some((field) => (asString(seLinux[field]) ?? '') !== '');
  if (setsSeLinux && !(seLinuxType !== undefined && UNCONFINED_SELINUX_TYPES.has(seLinuxType))) applied.push('SELinux');

  // containerd compares "ALL" without regard to case; "CAP_ALL" is not understood as all.
  const dropped = asArray(getPath(container.spec, ['securityContext', 'capabilities', 'drop']));
  if (dropped.some((entry) => typeof entry === 'string' && entry.toUpperCase() === 'ALL')) applied.push('capabilities');
  return applied;
}

export default defineRule({
  id: 'linux-hardening-missing',
  title: 'Container has no Linux hardening at all',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'low',
  references: {
    attack: ['T1611', 'T1068'],
    peers: ['polaris:linuxHardening', 'kubescape:C-0055'],
    links: ['https://kubernetes.io/docs/tutorials/security/seccomp/', 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
  },
  rationale:
    'Seccomp, AppArmor, SELinux and dropped capabilities each take kernel attack surface away from a compromised process; container escapes through kernel bugs (CVE-2022-0492 and its kin) fail against any of them. A container that declares none of them relies on whatever the node happens to default to.',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault (on the pod, so every container inherits it) and securityContext.capabilities.drop: ["ALL"] on each container; add an AppArmor or SELinux profile where the nodes support one.',
  messages: {
    missing:
      'Container {{container}} of {{workload}} has no Linux hardening: no seccomp profile (RuntimeDefault or Localhost), no AppArmor profile, no SELinux options and no drop of ALL capabilities.',
    privileged:
      'Container {{container}} of {{workload}} runs privileged: the runtime applies no seccomp filter, keeps every capability and skips the default AppArmor profile, whatever its securityContext says.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Debug containers are added by hand, for a while, and usually need to see more than the app does.
      if (container.list === 'ephemeralContainers') return;
      // seccomp, AppArmor, SELinux and capabilities are Linux mechanisms.
      if (asString(getPath(workload.spec, ['os', 'name'])) === 'windows') return;
      if (hardeningOf(workload, container).length > 0) return;
      const privileged = container.security.privileged.value === true;
      report({
        messageId: privileged ? 'privileged' : 'missing',
        data: { container: container.name, workload: workloadLabel(workload) },
        object: workload.object,
        container,
        path: privileged ? (container.security.privileged.path ?? container.security.securityContextPath) : [...container.security.securityContextPath, 'seccompProfile'],
      });
    });
  },
});
