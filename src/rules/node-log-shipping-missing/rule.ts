import { observability } from '../../boundaries/observability.js';
import { defineRule } from '../define-rule.js';
import { clusterObject, looksLikeWholeCluster } from '../helpers.js';
import { NODE_AGENT_RESOURCES } from '../absence.js';

export default defineRule({
  id: 'node-log-shipping-missing',
  title: 'No log shipper runs on every node',
  boundary: 'cluster',
  stride: ['repudiation'],
  severity: 'medium',
  absenceOf: NODE_AGENT_RESOURCES,
  persistence: true,
  references: {
    attack: ['T1070'], microsoft: ['Delete K8S events', 'Clear container logs'],
  },
  rationale:
    'Container logs live on the node and vanish with the pod or the node. Without a shipper on every node (a DaemonSet) an attacker who deletes a pod, or a node that is replaced, takes the evidence along.',
  remediation: 'Run a log shipper as a DaemonSet on every node (Promtail, Grafana Alloy, Fluent Bit, Fluentd or Vector) that sends container and node logs off the cluster, for example to Loki.',
  messages: {
    missing: 'No log shipper (Promtail, Grafana Alloy, Fluent Bit, Fluentd, Vector, Filebeat) runs as a DaemonSet, so no node ships its logs.',
  },
  check({ estate, report }) {
    // Only judged on input that describes a whole cluster; one application's manifests never carry the platform.
    if (!looksLikeWholeCluster(estate) || observability(estate).logShippers.length > 0) return;
    report({ messageId: 'missing', object: clusterObject(estate), path: [] });
  },
});
