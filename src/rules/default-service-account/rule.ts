import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

export default defineRule({
  id: 'default-service-account',
  title: 'Workload runs as the default service account',
  boundary: 'pod',
  stride: ['elevation-of-privilege', 'spoofing'],
  severity: 'low',
  references: {
    attack: ['T1078.001'],
    microsoft: ['Container service account'],
    cis: ['5.1.5'],
    peers: ['kubescape:C-0189', 'kube-linter:default-service-account', 'checkov:CKV_K8S_41', 'kubeaudit:asat', 'kubesec:ServiceAccountName', 'popeye:POP-300'],
  },
  rationale:
    'The default ServiceAccount is shared by every pod of the namespace that names no other: a permission granted to it for one application is granted to all of them, and the API server cannot tell them apart in audit logs or in policies. A compromised pod acts with the union of what anyone ever gave the default account.',
  remediation:
    'Create a ServiceAccount for the workload (with automountServiceAccountToken: false unless it calls the API), set spec.serviceAccountName to it in the pod template, and bind only the roles that workload needs.',
  messages: {
    implicit: '{{workload}} names no service account, so it runs as {{serviceAccount}}.',
    explicit: '{{workload}} runs as {{serviceAccount}}: {{field}} is default.',
  },
  check({ estate, report }) {
    for (const workload of analysedWorkloads(estate)) {
      if (workload.serviceAccountName !== 'default') continue;
      const explicitPath = workload.serviceAccountNamePath;
      const account = estate.serviceAccounts.get(`${workload.namespace}/default`);
      report({
        messageId: explicitPath ? 'explicit' : 'implicit',
        data: {
          workload: workloadLabel(workload),
          serviceAccount: `${workload.namespace}/default`,
          // spec.serviceAccount is the deprecated alias; the API server copies it into serviceAccountName.
          field: String(explicitPath?.at(-1) ?? 'serviceAccountName'),
        },
        object: workload.object,
        path: explicitPath ?? [...workload.specPath, 'serviceAccountName'],
        related: account ? [account] : [],
      });
    }
  },
});
