import { grantEvidence } from '../context.js';
import { clusterAdminNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder, heldIn } from '../permissions.js';
import { runPodsIn, secretsOf, workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-ESCALATE',
  title: 'Add permissions to a role one is bound to',
  attack: ['T1098.006'],
  microsoft: ['MS-TA9019 Cluster-admin binding'],
  difficulty: 'easy',
  description:
    'escalate on a role lets its holder write rules it does not hold into it; with update on that role, an identity bound to it gives itself anything: cluster-wide for ClusterRoles, in the namespace for Roles.',
  build(context) {
    forEachHolder(context, 'escalate-clusterroles', (identity, scope, held) => {
      const update = heldIn(identity, scope, 'write-clusterroles');
      if (!update) return;
      const evidence = [...grantEvidence(held.grants[0], 'escalate clusterroles'), ...grantEvidence(update.grants[0], 'update clusterroles')];
      if (scope === CLUSTER_SCOPE) context.edge(identity.node, clusterAdminNode(context.graph), technique, evidence);
    });
    forEachHolder(context, 'escalate-roles', (identity, scope, held) => {
      const update = heldIn(identity, scope, 'write-roles');
      if (!update) return;
      const evidence = [...grantEvidence(held.grants[0], 'escalate roles', scope), ...grantEvidence(update.grants[0], 'update roles')];
      for (const target of [runPodsIn(context, scope), workloadsOf(context, scope), secretsOf(context, scope)]) context.edge(identity.node, target, technique, evidence);
    });
  },
});

export default technique;
