import { asArray, asNumber, asRecord, asString, getPath } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';

/** Linux reserves ports below this number for root or CAP_NET_BIND_SERVICE. */
const FIRST_UNPRIVILEGED_PORT = 1024;

export default defineRule({
  id: 'privileged-port',
  title: 'Container declares a privileged port (below 1024)',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'info',
  references: {
    peers: ['kube-linter:privileged-ports', 'trivy:KSV-0117'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container'],
  },
  rationale:
    'A port below 1024 is one only root or a process holding NET_BIND_SERVICE may bind (unless the runtime lowered net.ipv4.ip_unprivileged_port_start). Declaring one usually means the image expects to run as root or to keep a capability, which makes every compromise of it worth more. Inside a pod the port number is free: nothing outside sees it unless hostNetwork or hostPort maps it.',
  remediation: 'Listen on a port of 1024 or above (8080 instead of 80, 8443 instead of 443) and map it with the Service targetPort; then run as non-root with capabilities.drop: ["ALL"].',
  messages: {
    port: 'Container {{container}} of {{workload}} declares containerPort {{port}}, a port below 1024 that needs root or NET_BIND_SERVICE to bind.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Windows has no privileged ports.
      if (asString(getPath(workload.spec, ['os', 'name'])) === 'windows') return;
      asArray(container.spec.ports).forEach((entry, index) => {
        const port = asNumber(asRecord(entry)?.containerPort);
        if (port === undefined || port < 1 || port >= FIRST_UNPRIVILEGED_PORT) return;
        report({
          messageId: 'port',
          data: { container: container.name, workload: workloadLabel(workload), port },
          object: workload.object,
          container,
          path: [...container.path, 'ports', index, 'containerPort'],
        });
      });
    });
  },
});
