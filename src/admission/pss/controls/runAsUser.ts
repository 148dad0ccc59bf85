/**
 * PSA check_runAsUser.go (policy v1.23+): no explicit runAsUser=0, at pod or container level; an unset runAsUser
 * is left to runAsNonRoot. From policy v1.35 a pod in a user namespace (`hostUsers: false`) is exempt.
 */
import { asNumber } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containerField, runsInUserNamespace, securityContextOwners, USER_NAMESPACE_RELAXATION_MINOR } from '../pod.js';

export const runAsUser = defineControl(
  { id: 'runAsUser', level: 'restricted', title: 'Running as Non-root user', minVersion: 'v1.23' },
  (pod, context, report) => {
    if (context.minorVersion >= USER_NAMESPACE_RELAXATION_MINOR && runsInUserNamespace(pod)) return;
    for (const owner of securityContextOwners(pod)) {
      if (asNumber(owner.securityContext?.runAsUser) !== 0) continue;
      report({
        path: owner.path.concat('securityContext', 'runAsUser'),
        ...containerField(owner),
        value: 0,
        reason: 'forbidden',
        detail: `${owner.description} sets securityContext.runAsUser=0`,
      });
    }
  },
);
