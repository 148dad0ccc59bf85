import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-POD-EXEC',
  title: 'Exec into running pods',
  attack: ['T1609'],
  microsoft: ['MS-TA9006 Exec into container', 'MS-TA9041 Collecting data from pod'],
  difficulty: 'trivial',
  description:
    'create on pods/exec opens a shell in any container of the pods in scope. A get used to be enough too: before the API server checked the websocket upgrade as a create (Kubernetes 1.30 and later), exec over websockets was authorised as get.',
  build(context) {
    forEachHolder(context, 'exec', (identity, scope, held) =>
      context.edge(identity.node, workloadsOf(context, scope), technique, grantEvidence(held.grants[0], 'create pods/exec', scope)),
    );
    forEachHolder(context, 'exec-by-get', (identity, scope, held) => {
      if (identity.scopes.get(scope)?.has('exec')) return;
      context.edge(identity.node, workloadsOf(context, scope), technique, grantEvidence(held.grants[0], 'get pods/exec', scope, ' (exec over websockets on clusters before the create check)'), 'moderate');
    });
  },
});

export default technique;
