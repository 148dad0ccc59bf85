import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-TOKEN-REQUEST',
  title: 'Request a token for a service account',
  attack: ['T1528'],
  microsoft: ['MS-TA9016 Container service account'],
  difficulty: 'trivial',
  description:
    "create on serviceaccounts/token issues a token for any service account in scope (or the named ones), with an expiry of the caller's choosing: that service account's identity without touching a pod.",
  build(context) {
    forEachHolder(context, 'create-tokens', (identity, scope, held) => {
      const evidence = grantEvidence(held.grants[0], 'create serviceaccounts/token', scope);
      const accounts = context.serviceAccountNodes(scope, held.names);
      for (let index = 0; index < accounts.length; index++) context.edge(identity.node, accounts[index], technique, evidence);
    });
  },
});

export default technique;
