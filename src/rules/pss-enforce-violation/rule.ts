import { checkPod, pssVersionOnCluster, pssVersionText } from '../../admission/pss/index.js';
import { namespacePsa } from '../../admission/psa-labels.js';
import { podView } from '../../model/workload.js';
import { podSecurityAdmission } from '../../boundaries/api-server.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

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
      const violations = checkPod(podView(workload), enforce.level, version);
      if (violations.length === 0) continue;
      const controls = [...new Set(violations.map((violation) => violation.control))].join(', ');
      report({
        messageId: workload.kind === 'Pod' ? 'podRejected' : 'podsRejected',
        data: { workload: workloadLabel(workload), level: enforce.level, version: pssVersionText(enforce.version, version), namespace: workload.namespace, controls },
        object: workload.object,
        path: [...workload.templatePath, ...violations[0].path],
        related: [namespace],
      });
    }
  },
});
