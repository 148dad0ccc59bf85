import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { namedSecretNodes } from '../secrets.js';
import { secretsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-SECRET-GET',
  title: 'Get Secrets by name',
  attack: ['T1552.007', 'T1528'],
  microsoft: ['MS-TA9025 List Kubernetes secrets'],
  difficulty: 'easy',
  description:
    'get on secrets reads any Secret whose name is known or guessed (names follow conventions, and appear in pod specs an attacker may read); with resourceNames, only those Secrets.',
  build(context) {
    forEachHolder(context, 'get-secrets', (identity, scope, held) => {
      const evidence = grantEvidence(held.grants[0], 'get secrets', scope, held.names ? ` named ${held.names.join(', ')}` : '');
      if (!held.names) context.edge(identity.node, secretsOf(context, scope), technique, evidence);
      else for (const secret of namedSecretNodes(context, scope, held.names)) context.edge(identity.node, secret, technique, evidence, 'trivial');
    });
  },
});

export default technique;
