import { NO_EVIDENCE } from '../context.js';
import { namespaceNode, secretsOfNode } from '../nodes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-CREATE-POD-READ-SECRETS',
  title: 'Mount any Secret of the namespace into a new pod',
  attack: ['T1552'],
  microsoft: ['MS-TA9025 List Kubernetes secrets'],
  difficulty: 'trivial',
  description:
    'A pod may mount or take as environment any Secret (and ConfigMap) of its namespace: creating pods there reads every Secret of it, whatever RBAC says about get on secrets.',
  build(context) {
    for (const namespace of context.namespaces()) context.edge(namespaceNode(context.graph, namespace), secretsOfNode(context.graph, namespace), technique, NO_EVIDENCE);
  },
});

export default technique;
