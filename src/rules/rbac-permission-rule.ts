/**
 * Rules about one dangerous permission (read Secrets, create pods, exec, …). Each asks the exact RBAC engine
 * (src/rbac) which input bindings give the permission and reports one finding per binding: the object is the
 * binding, `related` names the role (and, for an aggregated ClusterRole, the role the rule came from). Roles that no
 * binding uses are reported on the role itself, at a lower severity: nobody holds the permission yet.
 *
 * Probing follows the authorizer: wildcards count for everything they cover, `pods` does not reach `pods/exec`, a
 * RoleBinding never reaches cluster-scoped resources. A rule limited to resourceNames still grants those objects
 * (reading one named Secret is reading a Secret), at a lower severity; but a request that creates an object carries
 * no name, so resourceNames make `create` impossible.
 *
 * Bindings whose role holds `*` on `*` in `*` are left to rbac-cluster-admin-binding: that one finding says it all.
 */
import { rbacOfEstate } from '../rbac/estate-rbac.js';
import type { Severity } from '../taxonomy/index.js';
import { defineRule, type Rule, type RuleMeta } from './define-rule.js';
import { inputBindingGroups, type LabelledBinding } from './rbac-binding-groups.js';
import {
  bindingGrants,
  lower,
  raise,
  rbacLabel,
  roleGrants,
  rulePathInRole,
  scopeLabel,
  severityForScope,
  unboundInputRoles,
  type ScopedSeverity,
} from './rbac-findings.js';
import { matchesWithGrants, namespaceMatters, rolePermissions, type PermissionProbe, type ProbeMatch, type RolePermissions } from './rbac-permission-match.js';

export { grantAllowsProbe, matchPermissions, permissionsLabel, type PermissionMatch, type PermissionProbe, type ProbeMatch } from './rbac-permission-match.js';

export interface RbacPermissionRuleSpec extends Omit<RuleMeta, 'severity'> {
  probes: readonly PermissionProbe[];
  /** The severity of a binding by the scope it grants in (kube-system counts as cluster-wide). */
  levels: ScopedSeverity;
  /** Message ids: `binding` for a binding that gives the permission, `unboundRole` for a role nothing binds. */
  messages: { binding: string; unboundRole: string } & Record<string, string>;
  /** Adjusts the severity of one finding (e.g. nodes/proxy against pods/proxy) by what is allowed. */
  adjust?: (severity: Severity, matches: readonly ProbeMatch[]) => Severity;
}

export function defineRbacPermissionRule(spec: RbacPermissionRuleSpec): Rule {
  const { probes, levels, adjust, ...meta } = spec;
  return defineRule({
    ...meta,
    severity: levels.cluster,
    check({ estate, options, report }) {
      const reportBinding = ({ binding, object, label, roleLabel, subjects, scope, broad }: LabelledBinding, permissions: RolePermissions): void => {
        let severity = severityForScope(levels, binding.namespace);
        if (broad) severity = raise(severity);
        if (permissions.matches.every((match) => match.namedOnly)) severity = lower(severity);
        report({
          messageId: 'binding',
          data: { binding: label, role: roleLabel, subjects, scope, permissions: permissions.label },
          object,
          path: ['roleRef', 'name'],
          related: permissions.related,
          severity: adjust ? adjust(severity, permissions.matches) : severity,
        });
      };
      for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
        for (const group of inputBindingGroups(rbac)) {
          // One answer for the group, unless the binding's namespace can change it (see namespaceMatters).
          const perBinding = group.namespaced && namespaceMatters(probes, group.role);
          let shared: RolePermissions | undefined;
          for (const entry of group.bindings) {
            const { binding } = entry;
            const permissions = (!perBinding && shared) || rolePermissions(probes, group.role, binding.namespace, () => bindingGrants(binding));
            shared = permissions;
            if (permissions.fullWildcard || permissions.matches.length === 0) {
              if (perBinding) continue;
              break;
            }
            reportBinding(entry, permissions);
          }
        }
        for (const role of unboundInputRoles(rbac)) {
          const namespace = role.ref.kind === 'Role' ? role.ref.namespace : undefined;
          const permissions = rolePermissions(probes, role, namespace, () => roleGrants(role));
          const object = rbac.objectOf(role.ref);
          if (permissions.fullWildcard || permissions.matches.length === 0 || object === undefined) continue;
          const [first] = matchesWithGrants(permissions, roleGrants(role));
          let severity = lower(severityForScope(levels, role.ref.namespace), 2);
          if (permissions.matches.every((match) => match.namedOnly)) severity = lower(severity);
          report({
            messageId: 'unboundRole',
            data: { role: rbacLabel(role.ref), scope: scopeLabel(role.ref.namespace), permissions: permissions.label },
            object,
            path: rulePathInRole(role, first.grants[0]),
            related: permissions.related.filter((ref) => ref.name !== role.ref.name || ref.kind !== role.ref.kind),
            severity: adjust ? adjust(severity, permissions.matches) : severity,
          });
        }
      }
    },
  });
}
