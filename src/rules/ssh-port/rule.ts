import { asArray, asNumber, asRecord, asString } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';

const SSH_PORTS = new Set([22, 2222]);

export default defineRule({
  id: 'ssh-port',
  title: 'Container exposes an SSH port',
  boundary: 'pod',
  stride: ['spoofing', 'elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1021.004'],
    microsoft: ['SSH server running inside container'],
    peers: ['kubescape:C-0042', 'kube-linter:ssh-port'],
  },
  rationale:
    'An SSH server inside a container is a second way in that bypasses the API server, its RBAC and its audit log: stolen or weak SSH credentials give a shell that nobody sees through kubectl.',
  remediation: 'Remove the SSH server from the image; use kubectl exec (or ephemeral debug containers), which RBAC controls and the API server audits.',
  messages: {
    ssh: 'Container {{container}} of {{workload}} declares port {{port}}{{name}}, the SSH port.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      asArray(container.spec.ports).forEach((entry, index) => {
        const port = asRecord(entry);
        const number = asNumber(port?.containerPort);
        const name = asString(port?.name);
        if (number === undefined || (!SSH_PORTS.has(number) && name !== 'ssh')) return;
        report({
          messageId: 'ssh',
          data: { container: container.name, workload: workloadLabel(workload), port: number, name: name ? ` (${name})` : '' },
          object: workload.object,
          container,
          path: [...container.path, 'ports', index, 'containerPort'],
        });
      });
    });
  },
});
