import { observability } from '../../boundaries/observability.js';
import { defineRule } from '../define-rule.js';
import { clusterObject, looksLikeWholeCluster } from '../helpers.js';
import { METRICS_RESOURCES } from '../absence.js';

export default defineRule({
  id: 'metrics-monitoring-missing',
  title: 'No metrics monitoring is deployed',
  boundary: 'cluster',
  stride: ['repudiation'],
  severity: 'low',
  absenceOf: METRICS_RESOURCES,
  persistence: true,
  references: {
    microsoft: ['Resource hijacking'], links: ['https://kubernetes.io/docs/tasks/debug/debug-cluster/resource-metrics-pipeline/'],
  },
  rationale:
    'Without metrics (Prometheus or an equivalent) nobody sees the CPU of a cryptominer, a crash-looping backdoor or a flood of API errors. The seed threat model names monitoring as a persistence measure: what is not watched can stay.',
  remediation: 'Deploy a metrics stack (for example kube-prometheus-stack) that scrapes the nodes, the kubelets and the workloads, with alerts on anomalies.',
  messages: {
    missing: 'No metrics stack (Prometheus, VictoriaMetrics, Grafana Alloy or Agent, Datadog, OpenTelemetry) runs in this estate.',
  },
  check({ estate, report }) {
    // Only judged on input that describes a whole cluster; one application's manifests never carry the platform.
    if (!looksLikeWholeCluster(estate) || observability(estate).metrics.length > 0) return;
    report({ messageId: 'missing', object: clusterObject(estate), path: [] });
  },
});
