/**
 * PSA check_capabilities_baseline.go: only the capabilities a default container runtime grants may be added.
 * The comparison is exact and case-sensitive, as in PSA: `chown` or `CAP_CHOWN` is not `CHOWN` and is refused.
 */
import { defineControl } from '../define-control.js';
import { capabilityEntries, containersOf, describeContainer } from '../pod.js';

export const BASELINE_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilities_baseline = defineControl(
  { id: 'capabilities_baseline', level: 'baseline', title: 'Capabilities', minVersion: 'v1.0' },
  (pod, _context, report) => {
    for (const entry of containersOf(pod)) {
      for (const { capability, index } of capabilityEntries(entry, 'add')) {
        if (BASELINE_ADDABLE_CAPABILITIES.has(capability)) continue;
        report({
          path: entry.path.concat('securityContext', 'capabilities', 'add', index),
          container: entry.ref,
          value: capability,
          reason: 'forbidden',
          detail: `${describeContainer(entry.ref)} adds capability ${JSON.stringify(capability)}, which is not in the baseline set`,
        });
      }
    }
  },
);
