import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-POD-PATCH',
  title: 'Replace the image of a running pod',
  attack: ['T1609'],
  microsoft: ['MS-TA9011 Sidecar injection'],
  difficulty: 'easy',
  description:
    "update or patch on pods can change the image of a running container: the kubelet restarts it with the attacker's image, inside the pod, with its service account and volumes.",
  build(context) {
    forEachHolder(context, 'change-pods', (identity, scope, held) =>
      context.edge(identity.node, workloadsOf(context, scope), technique, grantEvidence(held.grants[0], 'patch pods', scope)),
    );
  },
});

export default technique;
