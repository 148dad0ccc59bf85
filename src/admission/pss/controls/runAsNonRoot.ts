/**
 * PSA check_runAsNonRoot.go: the kubelet must be told to refuse running as root. A container may rely on a
 * pod-level runAsNonRoot=true, but an explicit false anywhere (pod or container) is refused, whatever the other level says.
 * From policy v1.35 a pod in a user namespace (`hostUsers: false`) is exempt: its root is not the node's root.
 */
import { asBoolean } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containerField, runsInUserNamespace, securityContextOwners, USER_NAMESPACE_RELAXATION_MINOR } from '../pod.js';

export const runAsNonRoot = defineControl(
  { id: 'runAsNonRoot', level: 'restricted', title: 'Running as Non-root', minVersion: 'v1.0' },
  (pod, context, report) => {
    if (context.minorVersion >= USER_NAMESPACE_RELAXATION_MINOR && runsInUserNamespace(pod)) return;
    const [podOwner, ...containers] = securityContextOwners(pod);
    const podValue = asBoolean(podOwner.securityContext?.runAsNonRoot);
    if (podValue === false) {
      report({
        path: ['spec', 'securityContext', 'runAsNonRoot'],
        value: false,
        reason: 'forbidden',
        detail: 'pod sets securityContext.runAsNonRoot=false',
      });
    }
    for (const owner of containers) {
      const value = asBoolean(owner.securityContext?.runAsNonRoot);
      if (value === true || (value === undefined && podValue === true)) continue;
      report({
        path: owner.path.concat('securityContext', 'runAsNonRoot'),
        ...containerField(owner),
        ...(value === undefined ? {} : { value }),
        reason: value === undefined ? 'missing' : 'forbidden',
        detail:
          value === undefined
            ? `pod or ${owner.description} must set securityContext.runAsNonRoot=true`
            : `${owner.description} sets securityContext.runAsNonRoot=false`,
      });
    }
  },
);
