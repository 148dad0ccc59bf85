/**
 * PSA check_capabilities_restricted.go (policy v1.22+): every container must drop ALL capabilities and may add back
 * only NET_BIND_SERVICE. Comparisons are exact and case-sensitive: `drop: [all]` does not count as dropping ALL.
 * From policy v1.25 Windows pods are exempt.
 */
import { defineControl } from '../define-control.js';
import { capabilityEntries, containersOf, describeContainer, isWindowsPod, WINDOWS_EXEMPTION_MINOR } from '../pod.js';

export const capabilities_restricted = defineControl(
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    title: 'Capabilities (restricted)',
    minVersion: 'v1.22',
    overrides: 'capabilities_baseline',
  },
  (pod, context, report) => {
    if (context.minorVersion >= WINDOWS_EXEMPTION_MINOR && isWindowsPod(pod)) return;
    for (const entry of containersOf(pod)) {
      const dropped = capabilityEntries(entry, 'drop').map(({ capability }) => capability);
      if (!dropped.includes('ALL')) {
        report({
          path: entry.path.concat('securityContext', 'capabilities', 'drop'),
          container: entry.ref,
          ...(dropped.length > 0 ? { value: dropped } : {}),
          reason: 'missing',
          detail: `${describeContainer(entry.ref)} must set securityContext.capabilities.drop=["ALL"]`,
        });
      }
      for (const { capability, index } of capabilityEntries(entry, 'add')) {
        if (capability === 'NET_BIND_SERVICE') continue;
        report({
          path: entry.path.concat('securityContext', 'capabilities', 'add', index),
          container: entry.ref,
          value: capability,
          reason: 'forbidden',
          detail: `${describeContainer(entry.ref)} adds capability ${JSON.stringify(capability)}; restricted allows only "NET_BIND_SERVICE"`,
        });
      }
    }
  },
);
