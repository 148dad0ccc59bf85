import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import { SYSTEM_MASTERS } from '../../rbac/subject.js';
import type { Subject } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { rbacLabel, rolesBehind } from '../rbac-findings.js';
import { inputBindingPowers, subjectPath } from '../rbac-subject-findings.js';

const isSystemMasters = (subject: Subject): boolean => subject.kind === 'Group' && subject.name === SYSTEM_MASTERS;

/**
 * The API server allows every request of a system:masters member before RBAC is asked, so a binding to the group
 * changes nothing: it shows that the group is handed out as an ordinary one. The bootstrap cluster-admin binding
 * (in every cluster, and grouped with the platform when a dump contains it) is not the user's doing.
 */
export default defineRule({
  id: 'rbac-system-masters-binding',
  title: 'RBAC binding names the system:masters group',
  boundary: 'cluster',
  stride: ['elevation-of-privilege', 'repudiation'],
  severity: 'high',
  persistence: true,
  references: {
    attack: ['T1078'],
    microsoft: ['Kubeconfig file', 'Cluster-admin binding'],
    peers: ['kubescape:C-0246', 'trivy:KSV-0123'],
  },
  rationale:
    'Members of system:masters bypass RBAC and admission webhooks cannot restrict them; the membership is written into client certificates, which cannot be revoked short of rotating the cluster CA. Binding the group suggests that credentials in it are issued to people or tools as if RBAC governed them: each is a permanent, unlimited key to the cluster.',
  remediation:
    'Delete the binding; issue people and tools credentials in ordinary groups bound to the roles they need (cluster-admin if they must), and keep system:masters for the break-glass certificate that kubeadm or the provider creates.',
  messages: {
    binding: '{{binding}} names group system:masters through {{role}}: RBAC cannot limit that group, whose members may do anything, so the binding only shows the group is in use.',
  },
  check({ estate, options, report }) {
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      for (const power of inputBindingPowers(rbac, (binding) => binding.subjects.some(isSystemMasters))) {
        const subject = power.binding.subjects.find(isSystemMasters);
        const object = rbac.objectOf(power.binding.ref);
        if (subject === undefined || object === undefined) continue;
        report({
          messageId: 'binding',
          data: {
            binding: rbacLabel(power.binding.ref),
            role: power.binding.role ? rbacLabel(power.binding.role.ref) : `${power.binding.roleRef.kind} ${power.binding.roleRef.name}`,
          },
          object,
          path: subjectPath(object, subject),
          related: rolesBehind(power.grants),
        });
      }
    }
  },
});
