import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import { SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX, formatSubject } from '../../rbac/subject.js';
import type { Subject } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { KUBE_SYSTEM, raise, rbacLabel, rolesBehind } from '../rbac-findings.js';
import { inputBindingPowers, powerLabel, severityByRisk, subjectPath } from '../rbac-subject-findings.js';

/** The namespace a subject lives in, for service accounts and the service-account group of a namespace. */
function homeNamespace(subject: Subject): string | undefined {
  if (subject.kind === 'ServiceAccount') return subject.namespace;
  if (subject.kind === 'Group' && subject.name.startsWith(SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX)) return subject.name.slice(SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX.length);
  return undefined;
}

function isFromElsewhere(subject: Subject, namespace: string | undefined): boolean {
  const home = homeNamespace(subject);
  return namespace !== undefined && home !== undefined && home !== namespace;
}

export default defineRule({
  id: 'rbac-cross-namespace-binding',
  title: 'RoleBinding gives a service account of another namespace access',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: 'high',
  references: {
    attack: ['T1078', 'T1550.001'],
    microsoft: ['Container service account'],
  },
  rationale:
    'A RoleBinding that names a service account of another namespace lets the workloads of that namespace act in this one: whoever compromises a pod there, or can create pods there, crosses the namespace boundary with its token. The trust runs against the direction teams usually assume, and nobody reviewing the other namespace sees it.',
  remediation:
    'Run the workload that needs access in the namespace it acts on, with a service account of its own there; where a central tool must act across namespaces, give it a dedicated namespace and review its bindings as platform access.',
  messages: {
    binding: '{{binding}} gives {{subject}}, from namespace {{home}}, {{power}} in namespace {{namespace}} through {{role}}.',
  },
  check({ estate, options, report }) {
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      for (const power of inputBindingPowers(rbac, (binding) => binding.subjects.some((subject) => isFromElsewhere(subject, binding.namespace)))) {
        const namespace = power.binding.namespace;
        const object = rbac.objectOf(power.binding.ref);
        if (namespace === undefined || object === undefined) continue;
        for (const subject of power.binding.subjects) {
          const home = homeNamespace(subject);
          if (home === undefined || home === namespace) continue;
          const base = severityByRisk(power, { 'cluster-takeover': 'high', secrets: 'high', 'workload-control': 'high', other: 'medium', 'read-only': 'low' }, 'medium');
          if (base === undefined) continue;
          report({
            messageId: 'binding',
            data: {
              binding: rbacLabel(power.binding.ref),
              subject: formatSubject(subject),
              home,
              namespace,
              power: powerLabel(power),
              role: power.binding.role ? rbacLabel(power.binding.role.ref) : `${power.binding.roleRef.kind} ${power.binding.roleRef.name}`,
            },
            object,
            path: subjectPath(object, subject),
            related: rolesBehind(power.grants),
            severity: namespace === KUBE_SYSTEM && base !== 'low' ? raise(base) : base,
          });
        }
      }
    }
  },
});
