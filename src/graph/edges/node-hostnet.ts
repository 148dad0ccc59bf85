import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'NODE-HOSTNET',
  title: 'Reach node-local services from the node network (hostNetwork)',
  attack: ['T1040', 'T1046'],
  microsoft: ['MS-TA9034 Cluster internal networking'],
  difficulty: 'hard',
  description:
    "On the node's network namespace the pod reaches services bound to localhost (the kubelet's, etcd on a control-plane node), sniffs the node's traffic, and no NetworkPolicy applies to it.",
  rules: ['host-network'],
  build(context) {
    escapeEdges(context, technique, 'host-network', () => 'hard');
  },
});

export default technique;
