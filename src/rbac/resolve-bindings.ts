/** Bindings pointed at their roles: an index's bindings, and the ones that dangle (and why). */
import { roleKey, type BindingRecord } from './inventory.js';
import type { DanglingBinding, EffectiveRole, ResolvedBinding } from './types.js';

/**
 * Sorted before resolving, so bindings and dangling bindings come out in the same order whatever the input order.
 * `subjectKeys` are the records' subject keys, at the positions of their bindings.
 */
export function resolveBindings(
  records: Iterable<BindingRecord>,
  roles: ReadonlyMap<string, EffectiveRole>,
): { bindings: ResolvedBinding[]; subjectKeys: Array<readonly string[]>; dangling: DanglingBinding[] } {
  const dangling: DanglingBinding[] = [];
  const roleRefs = new RoleRefs();
  const roleNames = new RolesByName(roles);
  const sorted = [...records].sort((a, b) => compareKeys(a.key, b.key));
  const bindings = sorted.map((record) => resolveBinding(record, roleNames, dangling, roleRefs));
  return { bindings, subjectKeys: sorted.map((record) => record.subjectKeys), dangling };
}

/**
 * Roles by kind, namespace and name, found without a key string per binding (17,000 at 50,000 pods): Roles by
 * namespace then name, ClusterRoles by name. What a lookup by roleKey finds, which it still does where the key could
 * be read two ways (a `/` in a Role's namespace or name) or a role is filed under another key.
 */
class RolesByName {
  private readonly clusterRoles = new Map<string, EffectiveRole>();
  private readonly roles = new Map<string, Map<string, EffectiveRole>>();
  private byKeyOnly = false;

  constructor(private readonly byKey: ReadonlyMap<string, EffectiveRole>) {
    byKey.forEach((role, key) => {
      const { kind, name, namespace } = role.ref;
      if (kind === 'Role' ? key !== roleKey('Role', name, namespace) : key !== roleKey('ClusterRole', name)) this.byKeyOnly = true;
      else if (kind === 'Role') {
        let byName = this.roles.get(namespace ?? '');
        if (byName === undefined) this.roles.set(namespace ?? '', (byName = new Map()));
        byName.set(name, role);
      } else this.clusterRoles.set(name, role);
    });
  }

  find(kind: 'Role' | 'ClusterRole', name: string, namespace: string | undefined): EffectiveRole | undefined {
    if (kind === 'ClusterRole') return this.byKeyOnly ? this.byKey.get(roleKey('ClusterRole', name)) : this.clusterRoles.get(name);
    if (this.byKeyOnly || name.includes('/') || (namespace ?? '').includes('/')) return this.byKey.get(roleKey('Role', name, namespace));
    return this.roles.get(namespace ?? '')?.get(name);
  }
}

/** One `{ kind, name }` per role named: the RoleBindings of a Role named alike in 3,000 namespaces share it. */
class RoleRefs {
  private readonly byKind = new Map<string, Map<string, ResolvedBinding['roleRef']>>();

  of(kind: string, name: string): ResolvedBinding['roleRef'] {
    let byName = this.byKind.get(kind);
    if (byName === undefined) this.byKind.set(kind, (byName = new Map()));
    let roleRef = byName.get(name);
    if (roleRef === undefined) byName.set(name, (roleRef = { kind, name }));
    return roleRef;
  }
}

function resolveBinding(record: BindingRecord, roles: RolesByName, dangling: DanglingBinding[], roleRefs: RoleRefs): ResolvedBinding {
  const role = findRole(record, roles, dangling);
  const { ref, subjects, namespace } = record;
  const roleRef = roleRefs.of(record.roleRef.kind, record.roleRef.name);
  // One literal per shape, fields in the order they always had (a field added later sits in a separate store).
  if (namespace === undefined) return role === undefined ? { ref, roleRef, subjects } : { ref, roleRef, subjects, role };
  return role === undefined ? { ref, roleRef, subjects, namespace } : { ref, roleRef, subjects, namespace, role };
}

/** The role a binding points to, or undefined (and why, in `dangling`). */
function findRole(record: BindingRecord, roles: RolesByName, dangling: DanglingBinding[]): EffectiveRole | undefined {
  const { kind, name, apiGroup } = record.roleRef;
  const validKind = kind === 'ClusterRole' || (kind === 'Role' && record.namespace !== undefined);
  if (!validKind || name === '' || (apiGroup !== undefined && apiGroup !== 'rbac.authorization.k8s.io')) {
    dangling.push({ binding: record.ref, roleRef: { kind, name }, problem: 'invalid-role-ref' });
    return undefined;
  }
  const role = roles.find(kind === 'Role' ? 'Role' : 'ClusterRole', name, record.namespace);
  if (role === undefined) {
    const roleRef = kind === 'Role' ? { kind, name, namespace: record.namespace } : { kind, name };
    dangling.push({ binding: record.ref, roleRef, problem: 'role-not-found' });
  }
  return role;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
