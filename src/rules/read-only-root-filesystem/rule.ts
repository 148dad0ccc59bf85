import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { readOnlyRootFilesystemFix } from '../../fix/container-fixes.js';

export default defineRule({
  id: 'read-only-root-filesystem',
  title: 'Container root filesystem is writable',
  boundary: 'pod',
  stride: ['tampering', 'elevation-of-privilege'],
  severity: 'low',
  references: {
    attack: ['T1525', 'T1105'],
    microsoft: ['Writable hostPath mount', 'Backdoor container'],
    peers: ['kubescape:C-0017', 'kube-linter:no-read-only-root-fs', 'polaris:notReadOnlyRootFilesystem', 'checkov:CKV_K8S_22', 'trivy:KSV-0014'],
  },
  rationale:
    'An attacker who lands in a container with a writable root filesystem can drop tools, replace binaries and persist until the pod is replaced. A read-only root filesystem makes the image the only code that runs.',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true on the container and mount an emptyDir where it must write.',
  fix: 'safe',
  messages: {
    writable: 'Container {{container}} of {{workload}} can write to its root filesystem.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Ephemeral (debug) containers count: they live as long as the pod and share its volumes and network.
      if (container.security.readOnlyRootFilesystem.value === true) return;
      report({
        messageId: 'writable',
        data: { container: container.name, workload: workloadLabel(workload) },
        object: workload.object,
        container,
        path: container.security.readOnlyRootFilesystem.path ?? [...container.security.securityContextPath, 'readOnlyRootFilesystem'],
        fix: () => readOnlyRootFilesystemFix(workload, container),
      });
    });
  },
});
