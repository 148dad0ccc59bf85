import { grantEvidence } from '../context.js';
import { clusterAdminNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-CSR',
  title: 'Issue oneself a client certificate',
  attack: ['T1098', 'T1649'],
  microsoft: [],
  difficulty: 'easy',
  description:
    'create on certificatesigningrequests, update on certificatesigningrequests/approval and approve on the kubernetes.io/kube-apiserver-client signer let an identity request and approve a client certificate for any user and group, system:masters included. It cannot be revoked short of rotating the cluster CA.',
  build(context) {
    forEachHolder(context, 'approve-csr', (identity, scope, held) => {
      const cluster = identity.scopes.get(CLUSTER_SCOPE);
      const create = cluster?.get('create-csr');
      const signers = cluster?.get('approve-signers');
      if (scope !== CLUSTER_SCOPE || !create || !signers) return;
      if (signers.names && !signers.names.some((name) => name === 'kubernetes.io/kube-apiserver-client' || name === 'kubernetes.io/*')) return;
      context.edge(identity.node, clusterAdminNode(context.graph), technique, [
        ...grantEvidence(create.grants[0], 'create certificatesigningrequests'),
        ...grantEvidence(held.grants[0], 'update certificatesigningrequests/approval'),
        ...grantEvidence(signers.grants[0], 'approve signers'),
      ]);
    });
  },
});

export default technique;
