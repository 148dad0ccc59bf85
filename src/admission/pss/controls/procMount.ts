/**
 * PSA check_procMount.go: an Unmasked /proc exposes kernel interfaces the runtime normally hides.
 * From policy v1.35 a pod in a user namespace (`hostUsers: false`) is exempt at baseline: its /proc belongs to
 * that namespace. Before v1.35 the exemption needed a feature gate that was off by default, so it is not applied.
 */
import { asString } from '../../../model/json.js';
import { defineControl, type Report } from '../define-control.js';
import { containersOf, describeContainer, runsInUserNamespace, USER_NAMESPACE_RELAXATION_MINOR } from '../pod.js';
import type { PodInput } from '../types.js';

/** Reports every container whose procMount is set to anything but Default; shared with procMount_restricted. */
export function reportNonDefaultProcMounts(pod: PodInput, report: Report): void {
  for (const entry of containersOf(pod)) {
    const procMount = asString(entry.securityContext?.procMount);
    if (procMount === undefined || procMount === 'Default') continue;
    report({
      path: entry.path.concat('securityContext', 'procMount'),
      container: entry.ref,
      value: procMount,
      reason: 'forbidden',
      detail: `${describeContainer(entry.ref)} sets securityContext.procMount=${JSON.stringify(procMount)}`,
    });
  }
}

export const procMount = defineControl(
  { id: 'procMount', level: 'baseline', title: '/proc Mount Type', minVersion: 'v1.0' },
  (pod, context, report) => {
    if (context.minorVersion >= USER_NAMESPACE_RELAXATION_MINOR && runsInUserNamespace(pod)) return;
    reportNonDefaultProcMounts(pod, report);
  },
);
