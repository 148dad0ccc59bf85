import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { isRecord } from '../../model/json.js';

export default defineRule({
  id: 'probes-missing',
  title: 'Container has no liveness or readiness probe',
  boundary: 'pod',
  stride: ['denial-of-service'],
  severity: 'info',
  references: {
    peers: [
      'kubescape:C-0056',
      'kubescape:C-0018',
      'kube-linter:no-liveness-probe',
      'kube-linter:no-readiness-probe',
      'polaris:livenessProbeMissing',
      'polaris:readinessProbeMissing',
      'checkov:CKV_K8S_8',
      'checkov:CKV_K8S_9',
      'kube-score:pod-probes',
    ],
  },
  rationale:
    'Without a readiness probe a Service sends traffic to a container that is still starting or has stopped answering; without a liveness probe a hung or deadlocked container (an exhausted thread pool, a slow-request attack) is never restarted. Either way a fault or an attack on one replica becomes an outage that lasts until someone notices.',
  remediation:
    'Add readinessProbe and livenessProbe to every long-running container (for example httpGet on a /healthz endpoint, periodSeconds: 10, failureThreshold: 3); keep the liveness probe cheaper and more tolerant than the readiness probe.',
  messages: {
    bothMissing: 'Container {{container}} of {{workload}} has neither a liveness nor a readiness probe.',
    livenessMissing: 'Container {{container}} of {{workload}} has no liveness probe.',
    readinessMissing: 'Container {{container}} of {{workload}} has no readiness probe.',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Probes are asked of the application containers: init containers run before them (sidecars among them are
      // their own vendors' business), ephemeral containers cannot have probes, and pods that run to completion
      // (Jobs, CronJobs, restartPolicy Never or OnFailure) serve no traffic.
      if (container.list !== 'containers') return;
      // A container admission added (a mesh's proxy) is its vendor's business in this too, as a sidecar is.
      if (container.admittedIn !== undefined) return;
      const restartPolicy = workload.spec.restartPolicy;
      if (workload.kind === 'Job' || workload.kind === 'CronJob' || restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
      const liveness = isRecord(container.spec.livenessProbe);
      const readiness = isRecord(container.spec.readinessProbe);
      if (liveness && readiness) return;
      report({
        messageId: !liveness && !readiness ? 'bothMissing' : liveness ? 'readinessMissing' : 'livenessMissing',
        data: { container: container.name, workload: workloadLabel(workload) },
        object: workload.object,
        container,
        path: [...container.path, liveness ? 'readinessProbe' : 'livenessProbe'],
      });
    });
  },
});
