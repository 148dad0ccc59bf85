/** Bindings pointed at their roles: an index's bindings, and the ones that dangle (and why). */
import { roleKey, type BindingRecord } from './inventory.js';
import type { DanglingBinding, EffectiveRole, ResolvedBinding } from './types.js';

/** Sorted before resolving, so bindings and dangling bindings come out in the same order whatever the input order. */
export function resolveBindings(records: Iterable<BindingRecord>, roles: ReadonlyMap<string, EffectiveRole>): { bindings: ResolvedBinding[]; dangling: DanglingBinding[] } {
  const dangling: DanglingBinding[] = [];
  const roleRefs = new RoleRefs();
  const bindings = [...records]
    .map((record) => ({ key: bindingKey(record), record }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => resolveBinding(entry.record, roles, dangling, roleRefs));
  return { bindings, dangling };
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

function resolveBinding(record: BindingRecord, roles: ReadonlyMap<string, EffectiveRole>, dangling: DanglingBinding[], roleRefs: RoleRefs): ResolvedBinding {
  const role = findRole(record, roles, dangling);
  const { ref, subjects, namespace } = record;
  const roleRef = roleRefs.of(record.roleRef.kind, record.roleRef.name);
  // One literal per shape, fields in the order they always had (a field added later sits in a separate store).
  if (namespace === undefined) return role === undefined ? { ref, roleRef, subjects } : { ref, roleRef, subjects, role };
  return role === undefined ? { ref, roleRef, subjects, namespace } : { ref, roleRef, subjects, namespace, role };
}

/** The role a binding points to, or undefined (and why, in `dangling`). */
function findRole(record: BindingRecord, roles: ReadonlyMap<string, EffectiveRole>, dangling: DanglingBinding[]): EffectiveRole | undefined {
  const { kind, name, apiGroup } = record.roleRef;
  const validKind = kind === 'ClusterRole' || (kind === 'Role' && record.namespace !== undefined);
  if (!validKind || name === '' || (apiGroup !== undefined && apiGroup !== 'rbac.authorization.k8s.io')) {
    dangling.push({ binding: record.ref, roleRef: { kind, name }, problem: 'invalid-role-ref' });
    return undefined;
  }
  const key = kind === 'Role' ? roleKey('Role', name, record.namespace) : roleKey('ClusterRole', name);
  const role = roles.get(key);
  if (role === undefined) {
    const roleRef = kind === 'Role' ? { kind, name, namespace: record.namespace } : { kind, name };
    dangling.push({ binding: record.ref, roleRef, problem: 'role-not-found' });
  }
  return role;
}

function bindingKey(binding: BindingRecord): string {
  return `${binding.ref.kind}/${binding.namespace ?? ''}/${binding.ref.name}`;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
