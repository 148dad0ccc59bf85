/**
 * PSA check_seccompProfile_restricted.go (policy v1.19+): every container must run under RuntimeDefault or a
 * Localhost profile, set on the container or inherited from a valid pod-level profile. A pod-level Unconfined is
 * refused even when every container sets its own profile. From policy v1.25 Windows pods are exempt.
 */
import { defineControl } from '../define-control.js';
import { containerField, isWindowsPod, securityContextOwners, WINDOWS_EXEMPTION_MINOR } from '../pod.js';
import { isAllowedSeccompType, seccompTypeOf } from './seccompProfile_baseline.js';

export const seccompProfile_restricted = defineControl(
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    title: 'Seccomp (restricted)',
    minVersion: 'v1.19',
    overrides: 'seccompProfile_baseline',
  },
  (pod, context, report) => {
    if (context.minorVersion >= WINDOWS_EXEMPTION_MINOR && isWindowsPod(pod)) return;
    const [podOwner, ...containers] = securityContextOwners(pod);
    const podType = seccompTypeOf(podOwner.securityContext);
    const podProfileCoversContainers = podType !== undefined && isAllowedSeccompType(podType);
    for (const owner of [podOwner, ...containers]) {
      const type = seccompTypeOf(owner.securityContext);
      const path = owner.path.concat('securityContext', 'seccompProfile', 'type');
      if (type !== undefined) {
        if (isAllowedSeccompType(type)) continue;
        report({
          path,
          ...containerField(owner),
          value: type,
          reason: 'forbidden',
          detail: `${owner.description} sets securityContext.seccompProfile.type=${JSON.stringify(type)}`,
        });
      } else if (owner.container && !podProfileCoversContainers) {
        report({
          path,
          ...containerField(owner),
          reason: 'missing',
          detail: `pod or ${owner.description} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
        });
      }
    }
  },
);
