import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-EPHEMERAL',
  title: 'Inject an ephemeral debug container',
  attack: ['T1609', 'T1611'],
  microsoft: ['MS-TA9006 Exec into container'],
  difficulty: 'easy',
  description:
    "update or patch on pods/ephemeralcontainers adds a debug container of the attacker's choosing to a running pod: it shares the pod's network, volumes and service-account token, and only Pod Security Admission judges its security settings.",
  build(context) {
    forEachHolder(context, 'ephemeral-containers', (identity, scope, held) =>
      context.edge(identity.node, workloadsOf(context, scope), technique, grantEvidence(held.grants[0], 'patch pods/ephemeralcontainers', scope)),
    );
  },
});

export default technique;
