/** Bindings find their role by kind, namespace and name as a lookup by the role's key (roleKey) would. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { roleKey } from './inventory.js';
import { buildRbacIndex } from './rbac-index.js';
import { objectsFromYaml } from './test-objects.js';

const role = (kind: string, name: string, namespace?: string): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: { name: "${name}"${namespace === undefined ? '' : `, namespace: "${namespace}"`} }\nrules: [{ verbs: [get], apiGroups: [""], resources: [pods] }]\n`;
const binding = (kind: string, name: string, roleKind: string, roleName: string, namespace?: string): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: { name: "${name}"${namespace === undefined ? '' : `, namespace: "${namespace}"`} }\nsubjects: [{ kind: User, name: u }]\nroleRef: { kind: ${roleKind}, name: "${roleName}", apiGroup: rbac.authorization.k8s.io }\n`;

describe('resolveBindings', () => {
  it('finds the role a lookup by its key finds, slashes in names and namespaces included', () => {
    // Names and namespaces with a slash make two roles share one key (`Role/a/b/c`): the one read last is kept.
    const names = ['a', 'b', 'c', 'b/c', 'a/b'];
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
      const documents: string[] = [];
      for (let count = 0; count < 8; count++) documents.push(random() < 0.6 ? role('Role', pick(names), pick(names)) : role('ClusterRole', pick(names)));
      for (let count = 0; count < 10; count++) {
        const roleKind = random() < 0.6 ? 'Role' : 'ClusterRole';
        documents.push(random() < 0.7 ? binding('RoleBinding', `rb-${count}`, roleKind, pick(names), pick(names)) : binding('ClusterRoleBinding', `crb-${count}`, 'ClusterRole', pick(names)));
      }
      const index = buildRbacIndex(objectsFromYaml(documents.join('---\n')), { includeDefaults: false });
      const roles = new Map(index.roles().map((found) => [found.ref.kind === 'Role' ? roleKey('Role', found.ref.name, found.ref.namespace) : roleKey('ClusterRole', found.ref.name), found]));
      for (const resolved of index.bindings()) {
        const kind = resolved.roleRef.kind === 'Role' ? 'Role' : 'ClusterRole';
        const expected = roles.get(kind === 'Role' ? roleKey('Role', resolved.roleRef.name, resolved.namespace) : roleKey('ClusterRole', resolved.roleRef.name));
        expect(resolved.role, `seed ${seed}: ${resolved.ref.kind} ${resolved.namespace ?? ''}/${resolved.ref.name}`).toBe(expected);
      }
    }
  });
});
