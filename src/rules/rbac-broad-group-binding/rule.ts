import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS } from '../../rbac/subject.js';
import type { Subject } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { reportBindingsToSubjects } from '../rbac-subject-findings.js';

const WHO: Record<string, string> = {
  [ALL_AUTHENTICATED]: 'every authenticated identity (every user, node and service account of the cluster)',
  [ALL_SERVICE_ACCOUNTS]: 'every service account of every namespace',
};

function isBroadGroup(subject: Subject): boolean {
  return subject.kind === 'Group' && subject.name in WHO;
}

// system:unauthenticated and system:anonymous are rbac-anonymous-binding's.
export default defineRule({
  id: 'rbac-broad-group-binding',
  title: 'RBAC binding grants access to all authenticated users or all service accounts',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'critical',
  persistence: true,
  references: {
    attack: ['T1078'],
    microsoft: ['Container service account'],
    peers: ['kubescape:C-0265', 'trivy:KSV-01011'],
  },
  rationale:
    'system:authenticated holds every identity the API server accepts (on some managed clusters, anyone with an account at the cloud provider) and system:serviceaccounts every pod\'s token. A grant to either is a grant to whoever compromises the least important workload of the cluster: the namespace and team boundaries RBAC draws no longer apply to it.',
  remediation:
    'Bind the role to the users, groups or service accounts that need it (system:serviceaccounts:NAMESPACE for the accounts of one namespace at most), and remove the binding to the broad group.',
  messages: {
    binding: '{{binding}} grants {{power}} {{scope}} to {{who}} (group {{group}}) through {{role}}.',
  },
  check(context) {
    reportBindingsToSubjects(
      context,
      isBroadGroup,
      { byRisk: { 'cluster-takeover': 'critical', secrets: 'critical', 'workload-control': 'critical', other: 'high', 'read-only': 'medium' }, unknown: 'medium' },
      (subject) => ({ who: WHO[subject.name], group: subject.name }),
    );
  },
});
