/**
 * The input bindings of a cluster grouped by the role they bind and the kind of scope they bind it in, each with its
 * object and the labels a finding about it says (made when asked), grouped once per cluster for all rules.
 *
 * Scale: a rule about what a role allows decides once per group and skips or reports the whole group; at 50,000 pods
 * 16,700 bindings fall into 3,300 groups, and 20 rules no longer look up each binding's grants, object and labels.
 * The groups list bindings in the index's order; a rule reports group by group, which changes nothing: findings are
 * sorted afterwards, and each binding is reported at most once per rule.
 */
import type { K8sObject } from '../model/object.js';
import type { ClusterRbac } from '../rbac/estate-rbac.js';
import type { EffectiveRole } from '../rbac/types.js';
import { inputBindings, isBroadSubject, rbacLabel, scopeLabel, subjectsLabel, type BoundBinding } from './rbac-findings.js';

/**
 * An input binding with what findings about it say. The labels are made when a finding asks for them: a scan reports
 * a few hundred of 17,000 bindings, and every binding's labels, kept as long as the groups, were 5 MB at 50,000 pods.
 */
export class LabelledBinding {
  constructor(
    readonly binding: BoundBinding,
    readonly object: K8sObject,
  ) {}

  /** rbacLabel of the binding. */
  get label(): string {
    return rbacLabel(this.binding.ref);
  }

  /** rbacLabel of its role. */
  get roleLabel(): string {
    return rbacLabel(this.binding.role.ref);
  }

  /** subjectsLabel of its subjects. */
  get subjects(): string {
    return subjectsLabel(this.binding.subjects);
  }

  /** scopeLabel of its namespace. */
  get scope(): string {
    return scopeLabel(this.binding.namespace);
  }

  /** It names everyone, or every workload (isBroadSubject). */
  get broad(): boolean {
    return this.binding.subjects.some(isBroadSubject);
  }
}

export interface RoleBindingGroup {
  role: EffectiveRole;
  /** RoleBindings (in some namespace) or ClusterRoleBindings. */
  namespaced: boolean;
  bindings: readonly LabelledBinding[];
}

const groupsOf = new WeakMap<ClusterRbac, readonly RoleBindingGroup[]>();

/** The input bindings that point at a role and name someone (inputBindings), by role and kind of scope. */
export function inputBindingGroups(rbac: ClusterRbac): readonly RoleBindingGroup[] {
  let groups = groupsOf.get(rbac);
  if (groups === undefined) {
    const byRole = new Map<EffectiveRole, { cluster?: RoleBindingGroup & { bindings: LabelledBinding[] }; namespaced?: RoleBindingGroup & { bindings: LabelledBinding[] } }>();
    const list: RoleBindingGroup[] = [];
    for (const binding of inputBindings(rbac)) {
      const object = rbac.objectOf(binding.ref);
      if (object === undefined) continue;
      const namespaced = binding.namespace !== undefined;
      let entry = byRole.get(binding.role);
      if (entry === undefined) byRole.set(binding.role, (entry = {}));
      const key = namespaced ? 'namespaced' : 'cluster';
      let group = entry[key];
      if (group === undefined) {
        group = { role: binding.role, namespaced, bindings: [] };
        entry[key] = group;
        list.push(group);
      }
      group.bindings.push(new LabelledBinding(binding, object));
    }
    // Kept as long as the groups: lists at their length, not with the room a growing list leaves.
    for (const group of list) group.bindings = group.bindings.slice();
    groups = list;
    groupsOf.set(rbac, groups);
  }
  return groups;
}
