import { grantEvidence } from '../context.js';
import { clusterAdminNode, subjectId } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { SYSTEM_MASTERS, SYSTEM_MASTERS_BYPASS_REF } from '../../rbac/index.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-CLUSTER-ADMIN',
  title: 'Already cluster-admin',
  attack: ['T1078.003'],
  microsoft: ['MS-TA9019 Cluster-admin binding'],
  difficulty: 'given',
  description:
    "A cluster-wide grant of every verb on every resource of every API group (cluster-admin, or a wildcard role like it) is cluster-admin, and so is membership of system:masters, which the API server's authorizer lets through before RBAC is asked.",
  build(context) {
    const admin = clusterAdminNode(context.graph);
    forEachHolder(context, 'everything', (identity, scope, held) => {
      if (scope === CLUSTER_SCOPE) context.edge(identity.node, admin, technique, grantEvidence(held.grants[0], 'every verb on every resource, cluster-wide'));
    });
    const masters = context.graph.find(subjectId({ kind: 'Group', name: SYSTEM_MASTERS }));
    if (masters !== undefined) {
      context.edge(masters, admin, technique, [{ object: { apiVersion: 'v1', kind: 'Group', name: SYSTEM_MASTERS }, source: SYSTEM_MASTERS_BYPASS_REF.source, detail: 'members of system:masters bypass RBAC' }]);
    }
  },
});

export default technique;
