/**
 * PSA check_sysctls.go: only namespaced sysctls known to be safe may be set. The safe set grows with the policy
 * version; names are compared exactly (PSA does not normalise `net/ipv4/...` to `net.ipv4...`).
 */
import { asArray, asRecord, asString } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { podSecurityContext } from '../pod.js';

/** Sysctls added to the safe set, by the policy version that added them. */
const SAFE_SYSCTLS_BY_VERSION: readonly { minorVersion: number; names: readonly string[] }[] = [
  {
    minorVersion: 0,
    names: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.ip_unprivileged_port_start',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
    ],
  },
  { minorVersion: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  {
    minorVersion: 29,
    names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'],
  },
  { minorVersion: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { minorVersion: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

export function safeSysctls(minorVersion: number): ReadonlySet<string> {
  return new Set(SAFE_SYSCTLS_BY_VERSION.filter((step) => step.minorVersion <= minorVersion).flatMap((step) => step.names));
}

export const sysctls = defineControl(
  { id: 'sysctls', level: 'baseline', title: 'Sysctls', minVersion: 'v1.0' },
  (pod, context, report) => {
    const allowed = safeSysctls(context.minorVersion);
    asArray(podSecurityContext(pod)?.sysctls).forEach((item, index) => {
      const sysctl = asRecord(item);
      if (!sysctl) return;
      const name = asString(sysctl.name) ?? '';
      if (allowed.has(name)) return;
      report({
        path: ['spec', 'securityContext', 'sysctls', index, 'name'],
        value: name,
        reason: 'forbidden',
        detail: `pod sets sysctl ${JSON.stringify(name)}, which is not in the safe set of policy v1.${context.minorVersion}`,
      });
    });
  },
);
