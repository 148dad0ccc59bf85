import { observability } from '../../boundaries/observability.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'audit-logging-disabled',
  title: 'The API server does not write an audit log',
  boundary: 'cluster',
  stride: ['repudiation'],
  severity: 'medium',
  persistence: true,
  reportOnPlatform: true,
  references: {
    attack: ['T1562.008'],
    microsoft: ['Delete K8S events'],
    cis: ['1.2.16', '1.2.17', '1.2.18', '1.2.19'],
    peers: ['kubescape:C-0067', 'checkov:CKV_K8S_91', 'checkov:CKV_K8S_92', 'checkov:CKV_K8S_93', 'checkov:CKV_K8S_94'],
  },
  rationale:
    'The audit log is the only record of who did what through the API: which identity read a Secret, created a privileged pod or bound cluster-admin. Without --audit-policy-file and a log or webhook backend, an intruder\'s use of stolen credentials leaves no trace.',
  remediation: 'Start kube-apiserver with --audit-policy-file (a policy that records at least Metadata for Secrets and RequestResponse for RBAC and pods/exec) and --audit-log-path (with --audit-log-maxage, -maxbackup, -maxsize) or --audit-webhook-config-file.',
  messages: {
    disabled: 'The kube-apiserver static pod starts without {{missing}}: API requests are not audited.',
  },
  check({ estate, report }) {
    const audit = observability(estate).audit;
    if (audit.state !== 'disabled') return; // without the static pod manifest, the flags are not known
    report({
      messageId: 'disabled',
      data: { missing: '--audit-policy-file with --audit-log-path or --audit-webhook-config-file' },
      object: audit.apiServer,
      path: ['spec', 'containers', 0, 'command'],
    });
  },
});
