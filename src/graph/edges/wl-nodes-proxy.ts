import { grantEvidence } from '../context.js';
import { everyWorkloadNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-NODES-PROXY',
  title: 'Exec in any pod through the kubelet API (nodes/proxy)',
  attack: ['T1609'],
  microsoft: ['MS-TA9030 Access Kubelet API'],
  difficulty: 'easy',
  description:
    "get or create on nodes/proxy reaches every kubelet's API through the API server: /exec and /run in any container of any node, without admission control and without an audit record of the exec.",
  build(context) {
    forEachHolder(context, 'nodes-proxy', (identity, scope, held) => {
      if (scope !== CLUSTER_SCOPE) return;
      context.edge(identity.node, everyWorkloadNode(context.graph), technique, grantEvidence(held.grants[0], 'get nodes/proxy: the kubelet API of every node'));
    });
  },
});

export default technique;
