import { checkPod, pssVersionOnCluster, pssVersionText } from '../../admission/pss/index.js';
import { namespacePsa } from '../../admission/psa-labels.js';
import { podView } from '../../model/workload.js';
import { podSecurityAdmission } from '../../boundaries/api-server.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { admittedViolations, sameContainer } from '../pss-control-rule.js';
import type { PssViolation } from '../../admission/pss/index.js';

export default defineRule({
  id: 'pss-enforce-violation',
  title: "Workload breaks its namespace's enforced Pod Security Standard",
  boundary: 'namespace',
  stride: ['denial-of-service'],
  severity: 'medium',
  references: {
    pss: 'pod-security-admission',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/#workload-resources-and-pod-templates'],
  },
  rationale:
    'Pod Security Admission enforces on pods, not on workload templates: a Deployment or CronJob that breaks the namespace level is accepted, and then every pod its controller creates is rejected. The service silently never runs (or stops at its next rollout), and someone is tempted to weaken the namespace to make it work.',
  remediation: "Fix the listed fields in the pod template so that it satisfies the namespace's level; do not lower the namespace's enforce label.",
  messages: {
    podRejected: 'Pod {{workload}} breaks the {{level}} level ({{version}}) that namespace {{namespace}} enforces, so the API server rejects it: {{controls}}.',
    podsRejected: '{{workload}} is accepted, but every pod it creates is rejected by the {{level}} level ({{version}}) that namespace {{namespace}} enforces: {{controls}}.',
    admittedPodsRejected: "{{workload}}'s template meets the {{level}} level ({{version}}) that namespace {{namespace}} enforces, but container {{container}}, which admission adds to its pods, breaks it ({{controls}}): its next pods are rejected.",
  },
  check({ estate, options, report }) {
    // An API server without PodSecurity (disabled, or before v1.23) rejects nothing, whatever the labels say.
    if (!podSecurityAdmission(estate, options.kubernetesVersion).enforced) return;
    for (const workload of analysedWorkloads(estate)) {
      if (workload.kind === 'PodTemplate') continue; // a PodTemplate never becomes a pod by itself
      const namespace = estate.namespaces.get(workload.namespace)?.object;
      if (!namespace) continue;
      const enforce = namespacePsa(namespace.metadata.labels).modes.enforce;
      if (!enforce || enforce.level === 'privileged') continue;
      // PSA runs the checks of the cluster's own release: `latest` on a v1.30 cluster is v1.30.
      const version = pssVersionOnCluster(enforce.version, options.kubernetesVersion);
      const level = enforce.level;
      const data = { workload: workloadLabel(workload), level, version: pssVersionText(enforce.version, version), namespace: workload.namespace };
      const violations = checkPod(podView(workload), level, version);
      if (violations.length > 0) {
        report({
          messageId: workload.kind === 'Pod' ? 'podRejected' : 'podsRejected',
          data: { ...data, controls: controlsOf(violations) },
          object: workload.object,
          path: [...workload.templatePath, ...violations[0].path],
          related: [namespace],
        });
        continue;
      }
      // PSA judges a Pod after the mutating webhooks: a container they add (Workload.admitted) is judged too.
      const [admitted] = admittedViolations(workload, (pod) => checkPod(pod, level, version));
      if (admitted === undefined) continue;
      const first = admitted.violations[0];
      const container = admitted.containers.find((candidate) => sameContainer(candidate, first.container!))!;
      report({
        messageId: 'admittedPodsRejected',
        data: { ...data, controls: controlsOf(admitted.violations), container: container.name },
        object: workload.object,
        container,
        path: first.path,
        related: [namespace],
      });
    }
  },
});

function controlsOf(violations: readonly PssViolation[]): string {
  return [...new Set(violations.map((violation) => violation.control))].join(', ');
}
