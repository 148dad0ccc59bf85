import { grantEvidence } from '../context.js';
import { clusterAdminNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder, heldIn } from '../permissions.js';
import { runPodsIn, secretsOf, workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-BIND',
  title: 'Bind a more powerful role to oneself',
  attack: ['T1098.006'],
  microsoft: ['MS-TA9019 Cluster-admin binding'],
  difficulty: 'trivial',
  description:
    'bind on a role lets its holder create bindings to it without holding its permissions (the escalation check skips them). With create on clusterrolebindings and bind on clusterroles that is cluster-admin; with create on rolebindings in a namespace, admin of that namespace.',
  build(context) {
    forEachHolder(context, 'write-clusterrolebindings', (identity, scope, held) => {
      const bind = scope === CLUSTER_SCOPE ? identity.scopes.get(CLUSTER_SCOPE)?.get('bind-clusterroles') : undefined;
      if (!bind || (bind.names && !bind.names.includes('cluster-admin'))) return;
      context.edge(identity.node, clusterAdminNode(context.graph), technique, [...grantEvidence(held.grants[0], 'create clusterrolebindings'), ...grantEvidence(bind.grants[0], 'bind clusterroles')]);
    });
    forEachHolder(context, 'write-rolebindings', (identity, scope, held) => {
      const bind = heldIn(identity, scope, 'bind-clusterroles') ?? heldIn(identity, scope, 'bind-roles');
      if (!bind) return;
      // A RoleBinding to admin or cluster-admin makes the identity admin of the namespace.
      const evidence = [...grantEvidence(held.grants[0], 'create rolebindings', scope), ...grantEvidence(bind.grants[0], 'bind roles')];
      for (const target of [runPodsIn(context, scope), workloadsOf(context, scope), secretsOf(context, scope)]) context.edge(identity.node, target, technique, evidence);
    });
  },
});

export default technique;
