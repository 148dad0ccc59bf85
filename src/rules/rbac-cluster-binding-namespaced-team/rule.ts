import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import { formatSubject } from '../../rbac/subject.js';
import type { ResolvedBinding, Subject } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { plainRef, rbacLabel, rolesBehind } from '../rbac-findings.js';
import { inputBindingPowers, powerLabel, severityByRisk, subjectPath } from '../rbac-subject-findings.js';

/**
 * A team (a user or a group) "acts in one namespace" when every RoleBinding that names it is in the same namespace.
 * A ClusterRoleBinding that also names it gives that team the same power in every namespace. Service accounts are
 * left out: an operator with a leader-election Role in its namespace and a ClusterRole for what it watches is
 * cluster-wide by design (its power is judged by the permission rules). So are teams with no RoleBinding at all, and
 * the system: groups.
 */
const isTeam = (subject: Subject): boolean => (subject.kind === 'User' || subject.kind === 'Group') && !subject.name.startsWith('system:');

export default defineRule({
  id: 'rbac-cluster-binding-namespaced-team',
  title: 'ClusterRoleBinding gives a namespace-scoped subject cluster-wide power',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'high',
  references: {
    attack: ['T1078'],
    cis: ['5.1.1'],
  },
  rationale:
    'Namespaces separate teams only as far as RBAC does. A ClusterRoleBinding applies its role in every namespace, so a team whose other access is confined to one namespace can do the same in all the others, including kube-system: a compromise of one member\'s credentials is no longer contained.',
  remediation:
    'Replace the ClusterRoleBinding with a RoleBinding of the same ClusterRole in the namespace the subject works in (kind: RoleBinding, metadata.namespace: that namespace); keep ClusterRoleBindings for cluster-wide components.',
  messages: {
    binding: '{{binding}} gives {{subject}} {{power}} in every namespace through {{role}}, while its RoleBindings confine it to namespace {{namespace}}.',
  },
  check({ estate, options, report }) {
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      const roleBindingsOf = new Map<string, ResolvedBinding[]>();
      for (const binding of rbac.index.bindings()) {
        if (binding.namespace === undefined || binding.ref.isDefault) continue;
        for (const subject of binding.subjects) {
          const key = formatSubject(subject);
          const list = roleBindingsOf.get(key);
          if (list === undefined) roleBindingsOf.set(key, [binding]);
          else list.push(binding);
        }
      }
      for (const power of inputBindingPowers(rbac, (binding) => binding.namespace === undefined && binding.subjects.some((subject) => isTeam(subject) && roleBindingsOf.has(formatSubject(subject))))) {
        const object = rbac.objectOf(power.binding.ref);
        if (power.binding.namespace !== undefined || object === undefined) continue;
        for (const subject of power.binding.subjects) {
          const roleBindings = roleBindingsOf.get(formatSubject(subject)) ?? [];
          const namespaces = new Set(roleBindings.map((binding) => binding.namespace));
          const [namespace] = namespaces;
          if (!isTeam(subject) || namespaces.size !== 1 || namespace === undefined) continue;
          const severity = severityByRisk(power, { 'cluster-takeover': 'high', secrets: 'high', 'workload-control': 'high', other: 'medium', 'read-only': 'low' }, 'medium');
          if (severity === undefined) continue;
          report({
            messageId: 'binding',
            data: {
              binding: rbacLabel(power.binding.ref),
              subject: formatSubject(subject),
              power: powerLabel(power),
              namespace,
              role: power.binding.role ? rbacLabel(power.binding.role.ref) : `${power.binding.roleRef.kind} ${power.binding.roleRef.name}`,
            },
            object,
            path: subjectPath(object, subject),
            related: [...rolesBehind(power.grants), ...roleBindings.slice(0, 3).map((binding) => plainRef(binding.ref))],
            severity,
          });
        }
      }
    }
  },
});
