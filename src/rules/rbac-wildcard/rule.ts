import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import type { Grant } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { inputBindingGroups } from '../rbac-binding-groups.js';
import {
  bindingGrants,
  isFullWildcard,
  lower,
  raise,
  rbacLabel,
  rememberedPerRoleScope,
  roleGrants,
  rolesBehind,
  rulePathInRole,
  scopeLabel,
  severityForScope,
  unboundInputRoles,
} from '../rbac-findings.js';

const LEVELS = { cluster: 'high', namespace: 'medium' } as const;

/**
 * `*` in verbs, or a resource that is `*` or `*\/subresource`, or the nonResourceURL `*`. `pods/*` is no wildcard
 * (it matches a subresource literally named `*`), and `*` in apiGroups alone only widens a named resource to
 * other groups: neither is reported. Full `*`/`*`/`*` is rbac-cluster-admin-binding's.
 */
function wildcardsOf(grant: Grant): string[] {
  const found: string[] = [];
  if (grant.verbs.includes('*')) found.push('every verb');
  const resources = grant.resources.filter((resource) => resource === '*' || resource.startsWith('*/'));
  if (resources.length > 0) found.push(`resources ${resources.join(', ')}`);
  if (grant.nonResourceURLs.includes('*')) found.push('every non-resource URL');
  return found;
}

function describe(grants: readonly Grant[]): string {
  return grants
    .map((grant) => `${wildcardsOf(grant).join(' and ')} (${grant.verbs.join(',')} on ${[...grant.resources, ...grant.nonResourceURLs].join(',')})`)
    .join('; ');
}

/** The wildcard grants of a role in one kind of scope, described; undefined when none (or `*`/`*`/`*`). */
const wildcardsOfRole = rememberedPerRoleScope((grants) => {
  const wild = grants.filter((grant) => wildcardsOf(grant).length > 0);
  if (wild.length === 0 || grants.some(isFullWildcard)) return undefined;
  return { description: describe(wild), related: rolesBehind(wild), first: wild[0] };
});

export default defineRule({
  id: 'rbac-wildcard',
  title: 'RBAC role uses wildcards',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: LEVELS.cluster,
  persistence: true,
  references: {
    attack: ['T1078'],
    cis: ['5.1.3'],
    peers: ['kubescape:C-0187', 'kube-linter:wildcard-in-rules', 'checkov:CKV_K8S_49', 'trivy:KSV-0044', 'trivy:KSV-0045', 'trivy:KSV-0046', 'trivy:KSV-0112'],
  },
  rationale:
    'A wildcard grants more than its author listed: `*` verbs include escalate, bind, impersonate and deletecollection; `*` resources include Secrets and every subresource (exec, token, proxy); and both grow with every API, CRD and verb the cluster gains later. RBAC as tight as possible means naming what is needed.',
  remediation:
    'Replace each `*` with the verbs and resources the subject needs (kubectl auth can-i --list, or the audit log, shows what it uses), e.g. verbs: ["get", "list", "watch"] on resources: ["configmaps"].',
  messages: {
    binding: '{{binding}} gives {{subjects}} wildcard rules {{scope}} through {{role}}: {{wildcards}}.',
    unboundRole: '{{role}} has wildcard rules {{scope}}: {{wildcards}}; no binding uses it yet.',
  },
  check({ estate, options, report }) {
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      for (const group of inputBindingGroups(rbac)) {
        const wildcards = wildcardsOfRole(group.role, group.namespaced, () => bindingGrants(group.bindings[0].binding));
        if (wildcards === undefined) continue;
        for (const { binding, object, label, roleLabel, subjects, scope, broad } of group.bindings) {
          const severity = severityForScope(LEVELS, binding.namespace);
          report({
            messageId: 'binding',
            data: { binding: label, role: roleLabel, subjects, scope, wildcards: wildcards.description },
            object,
            path: ['roleRef', 'name'],
            related: wildcards.related,
            severity: broad ? raise(severity) : severity,
          });
        }
      }
      for (const role of unboundInputRoles(rbac)) {
        const wildcards = wildcardsOfRole(role, role.ref.kind === 'Role', () => roleGrants(role));
        const object = rbac.objectOf(role.ref);
        if (wildcards === undefined || object === undefined) continue;
        report({
          messageId: 'unboundRole',
          data: { role: rbacLabel(role.ref), scope: scopeLabel(role.ref.namespace), wildcards: wildcards.description },
          object,
          path: rulePathInRole(role, wildcards.first),
          severity: lower(severityForScope(LEVELS, role.ref.namespace)),
        });
      }
    }
  },
});
