import { asString } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel } from '../helpers.js';

/**
 * Every Pod is looked at, the Pods of controllers too: an ephemeral container is in no template, so the controller
 * through which such a Pod is otherwise analysed (analysedWorkloads) never shows it. A large dump or a live read keeps
 * a controller's Pod without its spec but for its node and its ephemeral containers (K8sObject.partial), for this.
 */
export default defineRule({
  id: 'debug-container-attached',
  title: 'A debug container was attached to a running pod',
  boundary: 'pod',
  stride: ['elevation-of-privilege', 'information-disclosure', 'repudiation'],
  severity: 'medium',
  references: {
    attack: ['T1609', 'T1611'],
    microsoft: ['Exec into container'],
    links: ['https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/', 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container'],
  },
  rationale:
    "kubectl debug adds an ephemeral container to a running Pod (the pods/ephemeralcontainers subresource). It stays in the Pod until the Pod is deleted, in no manifest and no review, running any image with any securityContext admission lets through: `--profile=sysadmin` makes it privileged, which holds the node. With `--target` it shares the target container's processes and reads its memory, environment and files through /proc. It shows someone had interactive access to the pod; an intruder with the same right uses it the same way.",
  remediation:
    'Delete the Pod once the debugging is done (its controller recreates it without the debug container); keep update on pods/ephemeralcontainers to a break-glass role, and enforce the baseline or restricted Pod Security level in the namespace so that privileged debug profiles are refused.',
  messages: {
    attached: '{{pod}} runs debug container {{container}} (image {{image}}){{target}}, added after it started and in no manifest.',
    capabilities: '{{pod}} runs debug container {{container}} (image {{image}}){{target}} with the added capabilities {{capabilities}}, in no manifest.',
    privileged: '{{pod}} runs privileged debug container {{container}} (image {{image}}){{target}}: it holds the node, and is in no manifest.',
  },
  check({ estate, report }) {
    for (const workload of estate.workloads) {
      if (workload.kind !== 'Pod') continue;
      for (const container of workload.containers) {
        if (container.list !== 'ephemeralContainers') continue;
        const targetName = asString(container.spec.targetContainerName);
        const data = {
          pod: workloadLabel(workload),
          container: container.name,
          image: container.image ?? 'none given',
          target: targetName === undefined ? '' : `, sharing the processes of container ${targetName}`,
        };
        const base = { object: workload.object, container, ...(workload.managedBy ? { related: [workload.managedBy] } : {}) };
        const security = container.security;
        if (security.privileged.value === true) {
          report({ ...base, messageId: 'privileged', data, path: security.privileged.path ?? container.path, severity: 'critical' });
        } else if (security.capabilitiesAdd.length > 0) {
          report({ ...base, messageId: 'capabilities', data: { ...data, capabilities: security.capabilitiesAdd.join(', ') }, path: [...security.capabilitiesPath, 'add'], severity: 'high' });
        } else {
          report({ ...base, messageId: 'attached', data, path: container.path });
        }
      }
    }
  },
});
