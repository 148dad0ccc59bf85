import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import { defineRule } from '../define-rule.js';
import { inputBindingGroups } from '../rbac-binding-groups.js';
import {
  KUBE_SYSTEM,
  bindingGrants,
  isFullWildcard,
  lower,
  raise,
  rbacLabel,
  rememberedPerRoleScope,
  roleGrants,
  rolesBehind,
  rulePathInRole,
  unboundInputRoles,
} from '../rbac-findings.js';

/** The grants of a role that hold `*` on `*` in `*` in one kind of scope; undefined when none does. */
const fullWildcardOfRole = rememberedPerRoleScope((grants) => {
  const full = grants.filter(isFullWildcard);
  return full.length === 0 ? undefined : { related: rolesBehind(full), first: full[0] };
});

/**
 * A binding whose role holds `*` verbs on `*` resources in `*` groups in the binding's scope: cluster-admin, or a
 * role equal to it. Through a ClusterRoleBinding that is the cluster; through a RoleBinding, the whole namespace
 * (its Secrets, workloads, roles and bindings), which in kube-system is the cluster again.
 */
export default defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'RBAC binding gives cluster-admin or its equivalent',
  boundary: 'cluster',
  stride: ['elevation-of-privilege'],
  severity: 'critical',
  persistence: true,
  references: {
    attack: ['T1078', 'T1098.006'],
    microsoft: ['Cluster-admin binding'],
    cis: ['5.1.1'],
    peers: ['kubescape:C-0035', 'kubescape:C-0185', 'kube-linter:cluster-admin-role-binding', 'polaris:clusterrolebindingClusterAdmin', 'polaris:rolebindingClusterAdminClusterRole', 'trivy:KSV-0111'],
  },
  rationale:
    'cluster-admin, or any role with `*` verbs on `*` resources in `*` groups, allows every request the API serves, today and after every upgrade: every Secret, every workload, every node through privileged pods, and RBAC itself. One stolen credential of a subject bound to it is the whole cluster; bound through a RoleBinding it is the whole namespace, and in kube-system the cluster again.',
  remediation:
    'Bind people to admin, edit or view in the namespaces they work in (RoleBindings), and give service accounts a role listing the verbs and resources they use. Keep cluster-admin for break-glass access, bound to no one by default.',
  messages: {
    cluster: '{{binding}} makes {{subjects}} cluster administrators through {{role}}: every verb on every resource, cluster-wide.',
    namespace: '{{binding}} gives {{subjects}} full control of namespace {{namespace}} through {{role}}: every verb on every resource there, Secrets, workloads and RBAC included.',
    unboundRole: '{{role}} allows every verb on every resource {{scope}}; no binding uses it yet.',
  },
  check({ estate, options, report }) {
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      for (const group of inputBindingGroups(rbac)) {
        const full = fullWildcardOfRole(group.role, group.namespaced, () => bindingGrants(group.bindings[0].binding));
        if (full === undefined) continue;
        for (const { binding, object, label, roleLabel, subjects, broad } of group.bindings) {
          const namespaced = binding.namespace !== undefined;
          const severity = !namespaced || binding.namespace === KUBE_SYSTEM ? 'critical' : 'high';
          report({
            messageId: namespaced ? 'namespace' : 'cluster',
            data: { binding: label, role: roleLabel, subjects, namespace: binding.namespace ?? '' },
            object,
            path: ['roleRef', 'name'],
            related: full.related,
            severity: broad ? raise(severity) : severity,
          });
        }
      }
      for (const role of unboundInputRoles(rbac)) {
        const full = fullWildcardOfRole(role, role.ref.kind === 'Role', () => roleGrants(role));
        const object = rbac.objectOf(role.ref);
        if (full === undefined || object === undefined) continue;
        const namespaced = role.ref.namespace !== undefined;
        report({
          messageId: 'unboundRole',
          data: { role: rbacLabel(role.ref), scope: namespaced ? `in namespace ${role.ref.namespace}` : 'cluster-wide' },
          object,
          path: rulePathInRole(role, full.first),
          severity: lower(!namespaced || role.ref.namespace === KUBE_SYSTEM ? 'critical' : 'high', 2),
        });
      }
    }
  },
});
