import { impliedGroups } from '../../rbac/index.js';
import { subjectId } from '../nodes.js';
import { defineEdge } from '../define-edge.js';

const MEMBERS = { ServiceAccount: 'service account', User: 'authenticated user', Group: 'member of an authenticated group' } as const;

const technique = defineEdge({
  id: 'RBAC-STRUCT',
  title: 'Act with the permissions of the groups one is in',
  attack: ['T1069'],
  microsoft: [],
  difficulty: 'given',
  description:
    'An identity holds what its groups are granted: every service account is in system:serviceaccounts, system:serviceaccounts:<namespace> and system:authenticated; every authenticated user and group member is in system:authenticated. Bindings to these groups reach every such identity.',
  build(context) {
    context.permissions();
    for (const [node, subject] of [...context.identities]) {
      for (const name of impliedGroups(subject)) {
        const group = context.graph.find(subjectId({ kind: 'Group', name }));
        if (group !== undefined) context.edge(node, group, technique, [{ object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Group', name }, detail: `the API server puts every ${MEMBERS[subject.kind]} in ${name}` }], 'given');
      }
    }
  },
});

export default technique;
