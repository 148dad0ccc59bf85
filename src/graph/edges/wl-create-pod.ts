import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { runPodsIn } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-CREATE-POD',
  title: 'Create pods or workload controllers',
  attack: ['T1610'],
  microsoft: ['MS-TA9008 New container'],
  difficulty: 'given',
  description:
    'create on pods, or on any controller that creates pods (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers), lets the identity run a pod of its own design in the namespace: its image, its service account, its volumes and, where admission allows, its security settings. What that gives is told by WL-CREATE-POD-AS-SA, WL-CREATE-POD-READ-SECRETS and WL-CREATE-PRIV-POD.',
  build(context) {
    forEachHolder(context, 'create-workloads', (identity, scope, held) =>
      context.edge(identity.node, runPodsIn(context, scope), technique, grantEvidence(held.grants[0], 'create pods', scope)),
    );
  },
});

export default technique;
