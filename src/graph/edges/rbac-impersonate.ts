import { grantEvidence } from '../context.js';
import { SYSTEM_MASTERS } from '../../rbac/index.js';
import { clusterAdminNode } from '../nodes.js';
import { CLUSTER_SCOPE, forEachHolder } from '../permissions.js';
import { defineEdge } from '../define-edge.js';

const technique = defineEdge({
  id: 'RBAC-IMPERSONATE',
  title: 'Impersonate users, groups or service accounts',
  attack: ['T1078'],
  microsoft: ['MS-TA9019 Cluster-admin binding'],
  difficulty: 'trivial',
  description:
    "impersonate on groups lets every request claim membership of system:masters, which is cluster-admin; on users, any user's bindings; on serviceaccounts, any service account in scope (or only the named ones).",
  build(context) {
    // The group identities, in identity order, listed once for all holders (not a walk over every identity each).
    let groups: Array<[number, string]> | undefined;
    forEachHolder(context, 'impersonate-groups', (identity, scope, held) => {
      if (scope !== CLUSTER_SCOPE) return;
      if (!held.names || held.names.includes(SYSTEM_MASTERS)) {
        context.edge(identity.node, clusterAdminNode(context.graph), technique, grantEvidence(held.grants[0], 'impersonate groups, system:masters included'));
        return;
      }
      if (groups === undefined) {
        const found: Array<[number, string]> = [];
        context.identities.forEach((subject, node) => {
          if (subject.kind === 'Group') found.push([node, subject.name]);
        });
        groups = found;
      }
      for (const [node, name] of groups) {
        if (held.names.includes(name)) context.edge(identity.node, node, technique, grantEvidence(held.grants[0], `impersonate group ${name}`));
      }
    });
    forEachHolder(context, 'impersonate-users', (identity, scope, held) => {
      if (scope !== CLUSTER_SCOPE) return;
      const evidence = grantEvidence(held.grants[0], 'impersonate users');
      // forEach: no [node, subject] array per identity, for each holder of a cluster-wide grant.
      context.identities.forEach((subject, node) => {
        if (subject.kind === 'Group' || (held.names && !held.names.includes(subject.kind === 'User' ? subject.name : `system:serviceaccount:${subject.namespace}:${subject.name}`))) return;
        context.edge(identity.node, node, technique, evidence);
      });
    });
    forEachHolder(context, 'impersonate-serviceaccounts', (identity, scope, held) => {
      const evidence = grantEvidence(held.grants[0], 'impersonate serviceaccounts', scope);
      const accounts = context.serviceAccountNodes(scope, held.names);
      for (let index = 0; index < accounts.length; index++) context.edge(identity.node, accounts[index], technique, evidence);
    });
  },
});

export default technique;
