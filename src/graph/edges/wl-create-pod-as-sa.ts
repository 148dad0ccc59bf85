import { NO_EVIDENCE } from '../context.js';
import { namespaceNode } from '../nodes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-CREATE-POD-AS-SA',
  title: 'Run a pod as any service account of the namespace',
  attack: ['T1528'],
  microsoft: ['MS-TA9016 Container service account'],
  difficulty: 'trivial',
  description:
    'A pod may name any service account of its namespace in serviceAccountName, and gets its token mounted. No Pod Security level can stop it: a pod that satisfies restricted can still mount a token.',
  build(context) {
    for (const namespace of context.namespaces()) {
      const from = namespaceNode(context.graph, namespace);
      const accounts = context.serviceAccountNodes(namespace);
      for (let index = 0; index < accounts.length; index++) context.edge(from, accounts[index], technique, NO_EVIDENCE);
    }
  },
});

export default technique;
