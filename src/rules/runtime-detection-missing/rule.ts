import { observability } from '../../boundaries/observability.js';
import { defineRule } from '../define-rule.js';
import { clusterObject, looksLikeWholeCluster } from '../helpers.js';
import { NODE_AGENT_RESOURCES } from '../absence.js';

export default defineRule({
  id: 'runtime-detection-missing',
  title: 'No runtime threat detection is deployed',
  boundary: 'cluster',
  stride: ['repudiation'],
  severity: 'low',
  absenceOf: NODE_AGENT_RESOURCES,
  persistence: true,
  references: {
    microsoft: ['Exec into container', 'Bash or cmd inside container'], links: ['https://falco.org/docs/'],
  },
  rationale:
    'Configuration scanning finds weaknesses before an attack; runtime detection (Falco, Tetragon) sees the attack itself: a shell in a container, a read of a service account token, a write under /etc. Without it, a compromise is found by its consequences.',
  remediation: 'Deploy runtime detection on every node (for example Falco or Tetragon as a DaemonSet) and route its alerts to someone who answers them.',
  messages: {
    missing: 'No runtime detection (Falco, Tetragon, Tracee, KubeArmor, Sysdig) runs as a DaemonSet on the nodes.',
  },
  check({ estate, report }) {
    // Only judged on input that describes a whole cluster; one application's manifests never carry the platform.
    if (!looksLikeWholeCluster(estate) || observability(estate).runtimeDetection.length > 0) return;
    report({ messageId: 'missing', object: clusterObject(estate), path: [] });
  },
});
