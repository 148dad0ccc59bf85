import { impliedGroups } from '../../rbac/index.js';
import { subjectId } from '../nodes.js';
import { defineEdge } from '../define-edge.js';
import type { Evidence } from '../types.js';

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
    // The same few groups for every identity: each (kind, group) gets its evidence once, shared by its edges.
    const evidence = new Map<string, Evidence[]>();
    const evidenceOf = (kind: keyof typeof MEMBERS, name: string): Evidence[] => {
      const key = `${kind}\u0000${name}`;
      let list = evidence.get(key);
      if (list === undefined) evidence.set(key, (list = [{ object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Group', name }, detail: `the API server puts every ${MEMBERS[kind]} in ${name}` }]));
      return list;
    };
    const groups = new Map<string, number | undefined>();
    const groupNode = (name: string): number | undefined => {
      if (!groups.has(name)) groups.set(name, context.graph.find(subjectId({ kind: 'Group', name })));
      return groups.get(name);
    };
    // No identity is added below (edges only), so the map is walked as it is.
    context.identities.forEach((subject, node) => {
      for (const name of impliedGroups(subject)) {
        const group = groupNode(name);
        if (group !== undefined) context.edge(node, group, technique, evidenceOf(subject.kind, name), 'given');
      }
    });
  },
});

export default technique;
