import { grantEvidence } from '../context.js';
import { forEachHolder, heldIn } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-TOKEN-SECRET-MINT',
  title: 'Mint a token Secret for a service account',
  attack: ['T1528'],
  microsoft: ['MS-TA9016 Container service account'],
  difficulty: 'easy',
  description:
    'create on secrets makes a Secret of type kubernetes.io/service-account-token annotated with any service account of the namespace; the token controller fills in a token that never expires, which get or list on secrets then reads.',
  build(context) {
    forEachHolder(context, 'create-secrets', (identity, scope, held) => {
      const read = heldIn(identity, scope, 'get-secrets') ?? heldIn(identity, scope, 'list-secrets');
      if (!read || read.names) return;
      const evidence = [...grantEvidence(held.grants[0], 'create secrets', scope), ...grantEvidence(read.grants[0], 'read secrets', scope)];
      const accounts = context.serviceAccountNodes(scope);
      for (let index = 0; index < accounts.length; index++) context.edge(identity.node, accounts[index], technique, evidence);
    });
  },
});

export default technique;
