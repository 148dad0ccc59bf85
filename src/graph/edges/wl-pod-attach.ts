import { grantEvidence } from '../context.js';
import { forEachHolder } from '../permissions.js';
import { workloadsOf } from '../scopes.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'WL-POD-ATTACH',
  title: 'Attach to running containers',
  attack: ['T1609'],
  microsoft: ['MS-TA9006 Exec into container'],
  difficulty: 'easy',
  description:
    'create on pods/attach connects to the standard input and output of the main process of any container in scope: an interactive shell when the process is one.',
  build(context) {
    forEachHolder(context, 'attach', (identity, scope, held) =>
      context.edge(identity.node, workloadsOf(context, scope), technique, grantEvidence(held.grants[0], 'create pods/attach', scope)),
    );
  },
});

export default technique;
