import { grantEvidence } from '../context.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { runPodsIn, workloadsOf } from '../scopes.js';

const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-UPDATE-CONTROLLER',
  title: 'Change the pod template of a workload controller',
  attack: ['T1609', 'T1610'],
  microsoft: ['MS-TA9011 Sidecar injection', 'MS-TA9012 Backdoor container'],
  difficulty: 'easy',
  description:
    'update or patch on Deployments, DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs or ReplicationControllers rewrites their pod template: new image, command, service account or volumes, rolled out by the controller. It gives the existing workloads and, as for creating pods, any pod the namespace admits.',
  build(context) {
    const withControllers = new Set(context.workloads.filter((workload) => CONTROLLER_KINDS.has(workload.kind)).map((workload) => workload.namespace));
    forEachHolder(context, 'change-controllers', (identity, scope, held) => {
      if (scope !== CLUSTER_SCOPE && !withControllers.has(scope)) return;
      const evidence = grantEvidence(held.grants[0], 'patch workload controllers', scope);
      context.edge(identity.node, workloadsOf(context, scope), technique, evidence);
      context.edge(identity.node, runPodsIn(context, scope), technique, evidence);
    });
  },
});

export default technique;
