import { ALL_UNAUTHENTICATED, ANONYMOUS_USER } from '../../rbac/subject.js';
import type { Subject } from '../../rbac/types.js';
import { defineRule } from '../define-rule.js';
import { reportBindingsToSubjects } from '../rbac-subject-findings.js';

function isAnonymous(subject: Subject): boolean {
  return (subject.kind === 'User' && subject.name === ANONYMOUS_USER) || (subject.kind === 'Group' && subject.name === ALL_UNAUTHENTICATED);
}

/**
 * Only requests without credentials are system:anonymous / system:unauthenticated (when the API server allows
 * anonymous requests at all, its default). Reading /healthz, /livez, /readyz and /version, what the default
 * system:public-info-viewer role gives them, is low; anything on resources is high or worse.
 */
export default defineRule({
  id: 'rbac-anonymous-binding',
  title: 'RBAC binding grants access to anonymous requests',
  boundary: 'cluster',
  stride: ['spoofing', 'information-disclosure', 'elevation-of-privilege'],
  severity: 'critical',
  persistence: true,
  references: {
    attack: ['T1078.001', 'T1190'],
    microsoft: ['Exposed sensitive interfaces', 'Connect from proxy server'],
    cis: ['5.1.1'],
    peers: ['kubescape:C-0262', 'trivy:KSV-0122', 'kubesec:BindingsToSystemAnonymous'],
  },
  rationale:
    'The user system:anonymous and the group system:unauthenticated are anyone who can reach the API server without credentials: on a public endpoint, the internet. Whatever a binding gives them needs no stolen token, and their requests identify no one in the audit log.',
  remediation:
    'Delete the binding, or move its subjects to named users, groups or service accounts; run the API server with --anonymous-auth=false, or, from v1.32, an AuthenticationConfiguration that allows anonymous requests only to /healthz, /livez and /readyz.',
  messages: {
    binding: '{{binding}} grants {{power}} {{scope}} to {{subject}} through {{role}}: no credentials needed.',
  },
  check(context) {
    reportBindingsToSubjects(
      context,
      isAnonymous,
      { byRisk: { 'cluster-takeover': 'critical', secrets: 'critical', 'workload-control': 'critical', other: 'high', 'read-only': 'high' }, unknown: 'high' },
      (subject) => ({ subject: subject.kind === 'User' ? `user ${subject.name}` : `group ${subject.name}` }),
    );
  },
});
