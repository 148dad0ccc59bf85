import type { Container, Workload } from '../../model/workload.js';
import { definePssControlRule } from '../pss-control-rule.js';
import { runAsNonRootFix } from '../../fix/container-fixes.js';

/**
 * A container whose effective runAsUser is a non-zero UID cannot run as root, whatever the image says. PSA still
 * wants runAsNonRoot: true there, but a "may run as root" finding would be false, so the rule leaves it out.
 */
function runsAsNonZeroUser(container: Container): boolean {
  const uid = container.security.runAsUser.value;
  return typeof uid === 'number' && uid > 0;
}

function everyContainerRunsAsNonZeroUser(workload: Workload): boolean {
  return workload.containers.length > 0 && workload.containers.every(runsAsNonZeroUser);
}

export default definePssControlRule({
  id: 'run-as-root',
  title: 'Container may run as root',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1611', 'T1068'],
    cis: ['5.2.7'],
    peers: [
      'kubescape:C-0013',
      'kube-linter:run-as-non-root',
      'polaris:runAsRootAllowed',
      'checkov:CKV_K8S_23',
      'trivy:KSV-0012',
      'trivy:KSV-0105',
      'kubeaudit:nonroot',
      'kubesec:RunAsNonRoot',
    ],
  },
  rationale:
    "Root in a container is root on the node's kernel, held back only by capabilities, seccomp and the LSM: every kernel or runtime bug, writable host mount or leftover capability then works at full strength. Unless runAsNonRoot is true or a non-zero runAsUser is set, the image's USER decides, and many images run as root.",
  remediation:
    'Set spec.securityContext.runAsNonRoot: true and a non-zero runAsUser (e.g. 10001) on the pod, and remove any runAsUser: 0 or runAsNonRoot: false from pod and containers; or run the pod in a user namespace (hostUsers: false).',
  messages: {
    runsAsRoot: '{{subject}} runs as root: securityContext.runAsUser is 0.',
    mayRunAsRoot: '{{subject}} may run as root: {{reason}}.',
  },
  fix: 'safe',
  controls: ['runAsNonRoot', 'runAsUser'],
  findingPer: 'owner',
  describe: ({ workload, container, violations }) => {
    const explicitRoot = violations.find((violation) => violation.control === 'runAsUser');
    if (explicitRoot) return { messageId: 'runsAsRoot', path: explicitRoot.path, fix: () => runAsNonRootFix(workload, container) };
    const [violation] = violations;
    if (container ? runsAsNonZeroUser(container) : everyContainerRunsAsNonZeroUser(workload)) return undefined;
    const reason = !container
      ? 'the pod sets runAsNonRoot: false'
      : violation.reason === 'forbidden'
        ? 'it sets runAsNonRoot: false'
        : container.security.runAsUser.value === 0
          ? 'it inherits runAsUser: 0 from the pod and runAsNonRoot is not true'
          : 'runAsNonRoot is not true on it or on the pod, so the image decides';
    return { messageId: 'mayRunAsRoot', data: { reason }, path: violation.path, fix: () => runAsNonRootFix(workload, container) };
  },
});
