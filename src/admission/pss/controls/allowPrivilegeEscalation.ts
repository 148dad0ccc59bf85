/**
 * PSA check_allowPrivilegeEscalation.go (policy v1.8+): every container must explicitly set
 * allowPrivilegeEscalation=false, so setuid binaries and file capabilities cannot raise its privileges.
 * From policy v1.25 Windows pods are exempt: the field has no meaning there.
 */
import { asBoolean } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containersOf, describeContainer, isWindowsPod, WINDOWS_EXEMPTION_MINOR } from '../pod.js';

export const allowPrivilegeEscalation = defineControl(
  { id: 'allowPrivilegeEscalation', level: 'restricted', title: 'Privilege Escalation', minVersion: 'v1.8' },
  (pod, context, report) => {
    if (context.minorVersion >= WINDOWS_EXEMPTION_MINOR && isWindowsPod(pod)) return;
    for (const entry of containersOf(pod)) {
      const allowed = asBoolean(entry.securityContext?.allowPrivilegeEscalation);
      if (allowed === false) continue;
      report({
        path: entry.path.concat('securityContext', 'allowPrivilegeEscalation'),
        container: entry.ref,
        ...(allowed === undefined ? {} : { value: allowed }),
        reason: allowed === undefined ? 'missing' : 'forbidden',
        detail:
          allowed === undefined
            ? `${describeContainer(entry.ref)} must set securityContext.allowPrivilegeEscalation=false`
            : `${describeContainer(entry.ref)} sets securityContext.allowPrivilegeEscalation=true`,
      });
    }
  },
);
