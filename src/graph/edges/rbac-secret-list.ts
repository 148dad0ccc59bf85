import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { namedSecretNodes } from '../secrets.js';
import { secretsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-SECRET-LIST',
  title: 'List every Secret in scope',
  attack: ['T1552.007', 'T1528'],
  microsoft: ['MS-TA9025 List Kubernetes secrets'],
  difficulty: 'trivial',
  description:
    'list or watch on secrets returns the Secrets with their data, not only their names: every Secret in scope, legacy service-account tokens included.',
  build(context) {
    forEachHolder(context, 'list-secrets', (identity, scope, held) => {
      const evidence = grantEvidence(held.grants[0], 'list secrets', scope);
      if (!held.names) context.edge(identity.node, secretsOf(context, scope), technique, evidence);
      else for (const secret of namedSecretNodes(context, scope, held.names)) context.edge(identity.node, secret, technique, evidence);
    });
  },
});

export default technique;
