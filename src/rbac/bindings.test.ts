import { describe, expect, it } from 'vitest';
import { buildRbacIndex, type RbacIndexOptions } from './rbac-index.js';
import { formatSubject, parseSubject } from './subject.js';
import { objectsFromYaml } from './test-objects.js';
import type { RbacRequest, Subject } from './types.js';

function index(yaml: string, options: RbacIndexOptions = { includeDefaults: false }) {
  return buildRbacIndex(objectsFromYaml(yaml, 'rbac.yaml'), options);
}

function s(text: string): Subject {
  const subject = parseSubject(text);
  if (subject === undefined) throw new Error(text);
  return subject;
}

function allowed(yaml: string, subject: string, request: RbacRequest, options?: RbacIndexOptions): boolean {
  return index(yaml, options).can(s(subject), request).length > 0;
}

const secretReaderClusterRole = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-reader }
rules:
- apiGroups: [""]
  resources: [secrets, nodes]
  verbs: [get, list]
- nonResourceURLs: [/metrics]
  verbs: [get]
`;

describe('RoleBinding to a ClusterRole', () => {
  const yaml = `${secretReaderClusterRole}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: read-secrets, namespace: shop }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io }
`;

  it('grants only inside the binding namespace', () => {
    expect(allowed(yaml, 'user:alice', { verb: 'get', resource: 'secrets', namespace: 'shop' })).toBe(true);
    expect(allowed(yaml, 'user:alice', { verb: 'get', resource: 'secrets', namespace: 'kube-system' })).toBe(false);
    // Listing across all namespaces is a cluster-wide request.
    expect(allowed(yaml, 'user:alice', { verb: 'list', resource: 'secrets' })).toBe(false);
  });

  it('cannot grant the cluster-scoped resources and URLs the ClusterRole names', () => {
    expect(allowed(yaml, 'user:alice', { verb: 'get', resource: 'nodes' })).toBe(false);
    // Even when the caller names the namespace, nodes are cluster-scoped.
    expect(allowed(yaml, 'user:alice', { verb: 'get', resource: 'nodes', namespace: 'shop' })).toBe(false);
    expect(allowed(yaml, 'user:alice', { verb: 'get', nonResourceURL: '/metrics' })).toBe(false);
    const grants = index(yaml).grantsFor(s('user:alice'));
    expect(grants).toHaveLength(1);
    expect(grants[0].resources).toEqual(['secrets']);
    expect(grants[0].scope).toEqual({ namespace: 'shop' });
  });

  it('explains itself: binding, role and rule with their file and line', () => {
    const [grant] = index(yaml).can(s('user:alice'), { verb: 'get', resource: 'secrets', namespace: 'shop' });
    expect(grant.via.binding).toMatchObject({ kind: 'RoleBinding', namespace: 'shop', name: 'read-secrets', isDefault: false });
    expect(grant.via.binding.source).toMatchObject({ file: 'rbac.yaml', line: 13 });
    expect(grant.via.role).toMatchObject({ kind: 'ClusterRole', name: 'secret-reader' });
    expect(grant.via.role.source.line).toBe(2);
    expect(grant.via.ruleIndex).toBe(0);
  });
});

describe('ClusterRoleBinding', () => {
  const yaml = `${secretReaderClusterRole}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: read-secrets }
subjects: [{ kind: Group, name: auditors, apiGroup: rbac.authorization.k8s.io }]
roleRef: { kind: ClusterRole, name: secret-reader, apiGroup: rbac.authorization.k8s.io }
`;

  it('grants namespaced resources in every namespace, cluster-scoped resources and URLs', () => {
    expect(allowed(yaml, 'group:auditors', { verb: 'get', resource: 'secrets', namespace: 'kube-system' })).toBe(true);
    expect(allowed(yaml, 'group:auditors', { verb: 'list', resource: 'secrets' })).toBe(true);
    expect(allowed(yaml, 'group:auditors', { verb: 'get', resource: 'nodes' })).toBe(true);
    expect(allowed(yaml, 'group:auditors', { verb: 'get', nonResourceURL: '/metrics' })).toBe(true);
  });
});

describe('RoleBinding to a Role', () => {
  const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pod-creator, namespace: shop }
rules: [{ apiGroups: [""], resources: [pods], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pod-creator, namespace: other }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci, namespace: shop }
subjects: [{ kind: ServiceAccount, name: ci }]
roleRef: { kind: Role, name: pod-creator, apiGroup: rbac.authorization.k8s.io }
`;

  it('uses the Role of the binding namespace, not a Role of the same name elsewhere', () => {
    expect(allowed(yaml, 'system:serviceaccount:shop:ci', { verb: 'create', resource: 'pods', namespace: 'shop' })).toBe(true);
    expect(allowed(yaml, 'system:serviceaccount:shop:ci', { verb: 'get', resource: 'secrets', namespace: 'shop' })).toBe(false);
  });

  it('a service-account subject without namespace is in the binding namespace', () => {
    const subjects = index(yaml).bindings()[0].subjects;
    expect(subjects).toEqual([{ kind: 'ServiceAccount', namespace: 'shop', name: 'ci' }]);
    expect(allowed(yaml, 'system:serviceaccount:default:ci', { verb: 'create', resource: 'pods', namespace: 'shop' })).toBe(false);
  });

  it('Role rules for nonResourceURLs or cluster-scoped resources grant nothing', () => {
    const roleWithClusterRules = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: odd, namespace: shop }
rules:
- { apiGroups: [""], resources: [nodes, persistentvolumes], verbs: [get] }
- { nonResourceURLs: ["*"], verbs: [get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: odd, namespace: shop }
subjects: [{ kind: User, name: bob }]
roleRef: { kind: Role, name: odd, apiGroup: rbac.authorization.k8s.io }
`;
    expect(allowed(roleWithClusterRules, 'user:bob', { verb: 'get', resource: 'nodes' })).toBe(false);
    expect(allowed(roleWithClusterRules, 'user:bob', { verb: 'get', nonResourceURL: '/healthz' })).toBe(false);
    expect(index(roleWithClusterRules).grantsFor(s('user:bob'))).toEqual([]);
  });
});

describe('subjects', () => {
  const crb = (subject: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: pod-reader }
rules: [{ apiGroups: [""], resources: [pods], verbs: [list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: readers }
subjects: [${subject}]
roleRef: { kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io }
`;
  const listPods = { verb: 'list', resource: 'pods' };

  it('a service account in a ClusterRoleBinding without namespace matches nobody', () => {
    const yaml = crb('{ kind: ServiceAccount, name: api }');
    expect(allowed(yaml, 'system:serviceaccount:default:api', listPods)).toBe(false);
    expect(index(yaml).bindings()[0].subjects).toEqual([]);
  });

  it('a User named system:serviceaccount:NS:NAME is that service account', () => {
    const yaml = crb('{ kind: User, name: "system:serviceaccount:shop:api" }');
    expect(allowed(yaml, 'system:serviceaccount:shop:api', listPods)).toBe(true);
  });

  it('a binding to system:authenticated grants every service account and every user, not anonymous', () => {
    const yaml = `${crb('{ kind: Group, name: "system:authenticated" }')}
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
`;
    expect(allowed(yaml, 'system:serviceaccount:shop:api', listPods)).toBe(true);
    expect(allowed(yaml, 'system:serviceaccount:anywhere:thing', listPods)).toBe(true);
    expect(allowed(yaml, 'user:alice', listPods)).toBe(true);
    expect(allowed(yaml, 'group:devs', listPods)).toBe(true);
    expect(allowed(yaml, 'user:system:anonymous', listPods)).toBe(false);
    const [grant] = index(yaml).can(s('system:serviceaccount:shop:api'), listPods);
    // The grant names the group it came through.
    expect(formatSubject(grant.subject)).toBe('group:system:authenticated');
  });

  it('a binding to system:serviceaccounts:NS grants the service accounts of that namespace only', () => {
    const yaml = crb('{ kind: Group, name: "system:serviceaccounts:shop" }');
    expect(allowed(yaml, 'system:serviceaccount:shop:api', listPods)).toBe(true);
    expect(allowed(yaml, 'system:serviceaccount:bank:api', listPods)).toBe(false);
    expect(allowed(yaml, 'user:alice', listPods)).toBe(false);
  });

  it('a binding to system:unauthenticated grants anonymous', () => {
    const yaml = crb('{ kind: Group, name: "system:unauthenticated" }');
    expect(allowed(yaml, 'user:system:anonymous', listPods)).toBe(true);
    expect(allowed(yaml, 'user:alice', listPods)).toBe(false);
  });

  it('system:masters may do everything without any binding', () => {
    const yaml = crb('{ kind: User, name: nobody }');
    const idx = index(yaml);
    const grants = idx.can(s('group:system:masters'), { verb: 'escalate', resource: 'clusterroles' });
    expect(grants).toHaveLength(1);
    expect(grants[0].via.bypass).toBe('system:masters');
    expect(idx.can(s('group:system:masters'), { verb: 'get', nonResourceURL: '/debug/pprof' })).toHaveLength(1);
    expect(idx.whoCan({ verb: 'delete', resource: 'nodes' }).map((entry) => formatSubject(entry.subject))).toEqual([
      'group:system:masters',
    ]);
  });
});

describe('dangling bindings', () => {
  it('a binding to a missing role grants nothing and is recorded', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ghost, namespace: shop }
subjects: [{ kind: User, name: alice }]
roleRef: { kind: Role, name: gone, apiGroup: rbac.authorization.k8s.io }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: wrong-kind }
subjects: [{ kind: User, name: alice }]
roleRef: { kind: Role, name: gone, apiGroup: rbac.authorization.k8s.io }
`;
    const idx = index(yaml);
    expect(idx.grantsFor(s('user:alice'))).toEqual([]);
    expect(idx.danglingBindings().map((entry) => [entry.binding.name, entry.problem, entry.roleRef])).toEqual([
      ['wrong-kind', 'invalid-role-ref', { kind: 'Role', name: 'gone' }],
      ['ghost', 'role-not-found', { kind: 'Role', name: 'gone', namespace: 'shop' }],
    ]);
  });

  it('a binding to edit is not dangling when the default policy is included', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: devs-edit, namespace: shop }
subjects: [{ kind: Group, name: devs }]
roleRef: { kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io }
`;
    expect(index(yaml).danglingBindings()).toHaveLength(1);
    expect(index(yaml, {}).danglingBindings()).toEqual([]);
  });
});

describe('the Namespace object', () => {
  const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: ns-editor, namespace: shop }
rules: [{ apiGroups: [""], resources: [namespaces], verbs: [get, patch, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ns-editor, namespace: shop }
subjects: [{ kind: User, name: alice }]
roleRef: { kind: Role, name: ns-editor, apiGroup: rbac.authorization.k8s.io }
`;

  it('a RoleBinding reaches its own Namespace object (e.g. to lower its Pod Security labels)', () => {
    expect(allowed(yaml, 'user:alice', { verb: 'patch', resource: 'namespaces', name: 'shop' })).toBe(true);
    expect(allowed(yaml, 'user:alice', { verb: 'patch', resource: 'namespaces', name: 'kube-system' })).toBe(false);
    expect(allowed(yaml, 'user:alice', { verb: 'list', resource: 'namespaces' })).toBe(false);
  });
});

describe('namespace defaults', () => {
  it('namespaced objects without a namespace land in defaultNamespace and match each other', () => {
    const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: b }
subjects: [{ kind: ServiceAccount, name: app }]
roleRef: { kind: Role, name: r, apiGroup: rbac.authorization.k8s.io }
`;
    const options = { includeDefaults: false, defaultNamespace: 'team' };
    expect(allowed(yaml, 'system:serviceaccount:team:app', { verb: 'get', resource: 'pods', namespace: 'team' }, options)).toBe(true);
  });
});
