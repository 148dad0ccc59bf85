import { asRecord, type JsonRecord } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';

/** `securityContext: {}` (or only nulls, as some templating leaves behind) sets nothing. */
function setsSomething(context: JsonRecord | undefined): boolean {
  return context !== undefined && Object.values(context).some((value) => value !== null && value !== undefined);
}

export default defineRule({
  id: 'security-context-missing',
  title: 'Container and pod have no securityContext at all',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'low',
  references: {
    attack: ['T1611'],
    peers: ['checkov:CKV_K8S_29', 'checkov:CKV_K8S_30', 'trivy:KSV-0118', 'kubescape:C-0211'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  rationale:
    "Without a securityContext on the container or the pod, every security decision is left to the image and the runtime: the image's user (often root), privilege escalation allowed, the runtime's default capabilities, a writable root filesystem. Nobody decided how this container should run; the other findings on it say what that costs.",
  remediation:
    'Give the pod a securityContext (runAsNonRoot: true, seccompProfile.type: RuntimeDefault) and each container one (allowPrivilegeEscalation: false, capabilities.drop: ["ALL"], readOnlyRootFilesystem: true).',
  messages: {
    missing: 'Container {{container}} of {{workload}} has no securityContext, and neither has the pod: it runs with the image\'s and the runtime\'s defaults.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Ephemeral debug containers are added by hand for a while; the pod's own containers are what runs.
      if (container.list === 'ephemeralContainers') return;
      if (setsSomething(asRecord(container.spec.securityContext)) || setsSomething(asRecord(workload.spec.securityContext))) return;
      report({
        messageId: 'missing',
        data: { container: container.name, workload: workloadLabel(workload) },
        object: workload.object,
        container,
        path: container.security.securityContextPath,
      });
    });
  },
});
