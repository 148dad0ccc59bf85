/** Bindings pointed at their roles: an index's bindings, and the ones that dangle (and why). */
import { roleKey, type BindingRecord } from './inventory.js';
import type { DanglingBinding, EffectiveRole, ResolvedBinding } from './types.js';

/** Sorted before resolving, so bindings and dangling bindings come out in the same order whatever the input order. */
export function resolveBindings(records: Iterable<BindingRecord>, roles: ReadonlyMap<string, EffectiveRole>): { bindings: ResolvedBinding[]; dangling: DanglingBinding[] } {
  const dangling: DanglingBinding[] = [];
  const bindings = [...records]
    .map((record) => ({ key: bindingKey(record), record }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => resolveBinding(entry.record, roles, dangling));
  return { bindings, dangling };
}

function resolveBinding(record: BindingRecord, roles: ReadonlyMap<string, EffectiveRole>, dangling: DanglingBinding[]): ResolvedBinding {
  const resolved: ResolvedBinding = { ref: record.ref, roleRef: { kind: record.roleRef.kind, name: record.roleRef.name }, subjects: record.subjects };
  if (record.namespace !== undefined) resolved.namespace = record.namespace;
  const { kind, name, apiGroup } = record.roleRef;
  const validKind = kind === 'ClusterRole' || (kind === 'Role' && record.namespace !== undefined);
  if (!validKind || name === '' || (apiGroup !== undefined && apiGroup !== 'rbac.authorization.k8s.io')) {
    dangling.push({ binding: record.ref, roleRef: { kind, name }, problem: 'invalid-role-ref' });
    return resolved;
  }
  const key = kind === 'Role' ? roleKey('Role', name, record.namespace) : roleKey('ClusterRole', name);
  const role = roles.get(key);
  if (role === undefined) {
    const roleRef = kind === 'Role' ? { kind, name, namespace: record.namespace } : { kind, name };
    dangling.push({ binding: record.ref, roleRef, problem: 'role-not-found' });
  } else resolved.role = role;
  return resolved;
}

function bindingKey(binding: BindingRecord): string {
  return `${binding.ref.kind}/${binding.namespace ?? ''}/${binding.ref.name}`;
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
