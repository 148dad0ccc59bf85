/**
 * rolePermissions remembers one answer per role and kind of scope; these random estates check that every binding
 * still gets exactly what matching its own grants gives (verbs, grants, named-only, label, related roles).
 */
import { describe, expect, it } from 'vitest';
import { buildRbacIndex } from '../rbac/rbac-index.js';
import { objectsFromYaml } from '../rbac/test-objects.js';
import { bindingGrants, isFullWildcard, roleGrants, rolesBehind } from './rbac-findings.js';
import { matchPermissions, matchesWithGrants, permissionsLabel, rolePermissions, type PermissionProbe } from './rbac-permission-match.js';
import { seededRandom } from '../testing/seeded-random.js';

const PROBES: readonly PermissionProbe[] = [
  { verbs: ['create', 'update', 'patch'], group: '', resource: 'pods' },
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'exec' },
  { verbs: ['update', 'patch'], group: '', resource: 'namespaces' },
  { verbs: ['get', 'list'], group: '', resource: 'secrets' },
  { verbs: ['get', 'create'], group: '', resource: 'nodes', subresource: 'proxy' },
  { verbs: ['approve'], group: 'certificates.k8s.io', resource: 'signers', names: ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/*'] },
  { verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource: 'roles' },
];

const VERBS = ['get', 'list', 'create', 'update', 'patch', 'approve', 'bind', '*'];
const GROUPS = ['', 'apps', 'certificates.k8s.io', 'rbac.authorization.k8s.io', '*'];
const RESOURCES = ['pods', 'pods/exec', 'pods/*', '*/exec', 'namespaces', 'secrets', 'signers', 'nodes/proxy', 'nodes', 'roles', 'deployments', '*'];
const NAMES = ['ns-0', 'ns-1', 'kubernetes.io/*', 'kubernetes.io/kube-apiserver-client', 'other'];
const NAMESPACES = ['ns-0', 'ns-1', 'ns-2'];


function randomEstate(seed: number): string {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const some = <T>(values: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(values)))];
  const rules = (): object[] =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      verbs: some(VERBS, 3),
      apiGroups: some(GROUPS, 2),
      resources: some(RESOURCES, 3),
      ...(random() < 0.3 ? { resourceNames: some(NAMES, 2) } : {}),
    }));
  const documents: object[] = [];
  const clusterRoles = ['c-0', 'c-1', 'c-2', 'c-3'];
  for (const name of clusterRoles) documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: rules() });
  for (const namespace of NAMESPACES) {
    documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace }, rules: rules() });
  }
  const subjects = [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }];
  for (let index = 0; index < 12; index++) {
    const namespace = pick(NAMESPACES);
    const cluster = random() < 0.3;
    const roleRef = cluster || random() < 0.6 ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: pick(clusterRoles) } : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' };
    const metadata = cluster ? { name: `b-${index}` } : { name: `b-${index}`, namespace };
    documents.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding', metadata, subjects, roleRef });
  }
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

describe('rolePermissions', () => {
  it('gives every binding and role of random estates what matching its own grants gives', () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const index = buildRbacIndex(objectsFromYaml(randomEstate(seed)), { includeDefaults: false });
      const cases = [
        ...index.bindings().flatMap((binding) => (binding.role ? [{ role: binding.role, namespace: binding.namespace, grants: bindingGrants(binding) }] : [])),
        ...index.roles().map((role) => ({ role, namespace: role.ref.kind === 'Role' ? role.ref.namespace : undefined, grants: roleGrants(role) })),
      ];
      for (const { role, namespace, grants } of cases) {
        const remembered = rolePermissions(PROBES, role, namespace, () => grants);
        const fullWildcard = grants.some(isFullWildcard);
        const expected = fullWildcard ? [] : matchPermissions(grants, PROBES);
        expect({ seed, fullWildcard: remembered.fullWildcard }).toEqual({ seed, fullWildcard });
        expect(matchesWithGrants(remembered, grants)).toEqual(expected);
        expect(remembered.label).toBe(permissionsLabel(expected));
        expect(remembered.related).toEqual(rolesBehind(expected.flatMap((match) => match.grants)));
        compared += expected.length;
      }
    }
    // The estates must allow something, or the comparison above shows nothing.
    expect(compared).toBeGreaterThan(200);
  });

  it('tells apart bindings of one role in two namespaces when a rule names one of the Namespaces', () => {
    const text = [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'relabel-shop' }, rules: [{ verbs: ['patch'], apiGroups: [''], resources: ['namespaces'], resourceNames: ['shop'] }] },
      ...['shop', 'blog'].map((namespace) => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'relabel', namespace },
        subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'relabel-shop' },
      })),
    ].map((document) => JSON.stringify(document)).join('\n---\n');
    const index = buildRbacIndex(objectsFromYaml(text), { includeDefaults: false });
    const labels = index.bindings().map((binding) => `${binding.namespace}: ${rolePermissions(PROBES, binding.role!, binding.namespace, () => bindingGrants(binding)).label}`);
    expect(labels).toEqual(['blog: patch namespaces (named objects only)', 'shop: patch namespaces']);
  });
});
