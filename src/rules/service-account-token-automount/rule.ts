import type { FieldPath } from '../../model/object.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { asBoolean } from '../../model/json.js';
import { objectsOfKind } from '../../model/estate.js';
import { analysedTokenAutomounts } from '../service-account-token.js';
import { podAutomountFix, serviceAccountAutomountFix } from '../../fix/token-fixes.js';

export default defineRule({
  id: 'service-account-token-automount',
  title: 'Service account token mounted into the pod',
  boundary: 'pod',
  stride: ['spoofing', 'elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1528', 'T1552.007'],
    microsoft: ['Container service account', 'Access Kubernetes API server'],
    cis: ['5.1.5', '5.1.6'],
    peers: [
      'kubescape:C-0034',
      'kubescape:C-0189',
      'kube-linter:automount-service-account-token',
      'polaris:automountServiceAccountToken',
      'checkov:CKV_K8S_38',
      'trivy:KSV-0036',
      'kubeaudit:asat',
      'kubesec:AutomountServiceAccountToken',
    ],
  },
  rationale:
    'Unless the pod or its ServiceAccount opts out, every container gets an API token at /var/run/secrets/kubernetes.io/serviceaccount/token. Whoever gets code execution in any container (an application exploit is enough) reads it and acts against the API server as that service account, with all its RBAC permissions, from inside or outside the cluster until the token expires.',
  remediation:
    'Set automountServiceAccountToken: false in the pod spec of workloads that do not call the Kubernetes API, and on the ServiceAccount (the default one of every namespace in particular); mount a projected serviceAccountToken volume only into the container that needs it.',
  fix: 'safe',
  messages: {
    podEnables: '{{workload}} mounts the API token of service account {{serviceAccount}}: the pod sets automountServiceAccountToken: true.',
    accountEnables:
      '{{workload}} mounts the API token of service account {{serviceAccount}}: the pod leaves automountServiceAccountToken unset and the ServiceAccount sets it to true.',
    accountDefault:
      '{{workload}} mounts the API token of service account {{serviceAccount}}: neither the pod nor the ServiceAccount sets automountServiceAccountToken, and the default is true.',
    accountNotInInput:
      '{{workload}} mounts the API token of service account {{serviceAccount}}: the pod leaves automountServiceAccountToken unset, so the ServiceAccount decides, and it is not in the input (the default is true).',
    defaultAccountAutomounts:
      'ServiceAccount {{serviceAccount}} does not set automountServiceAccountToken: false, so every pod of namespace {{namespace}} that names no service account and does not opt out gets its token.',
  },
  check({ estate, options, report }) {
    const automounts = analysedTokenAutomounts(estate);
    const workloads = analysedWorkloads(estate);
    // The field's path under each spec path (shared by a kind's workloads), made once for the run, not per finding.
    const fieldPaths = new Map<FieldPath, FieldPath>();
    for (let index = 0; index < workloads.length; index++) {
      const workload = workloads[index];
      const { reason, serviceAccount, account } = automounts[index];
      if (reason === undefined) continue;
      report({
        messageId: reason,
        data: { workload: workloadLabel(workload), serviceAccount },
        object: workload.object,
        // Where the measure goes: the pod's own field, which overrides whatever the ServiceAccount says.
        path: automountPath(fieldPaths, workload.specPath),
        related: account && reason !== 'podEnables' ? [account] : [],
        fix: () => podAutomountFix(estate, workload, reason === 'podEnables' || reason === 'accountEnables', options.kubernetesVersion),
      });
    }
    // The default ServiceAccount is the identity of every pod that names none (CIS 5.1.5): opting out there protects
    // pods yet to be written, whatever their authors forget.
    for (const account of objectsOfKind(estate, 'ServiceAccount')) {
      if (account.metadata.name !== 'default' || asBoolean(account.raw.automountServiceAccountToken) === false) continue;
      report({
        messageId: 'defaultAccountAutomounts',
        data: { serviceAccount: `${account.metadata.namespace}/default`, namespace: account.metadata.namespace ?? '' },
        object: account,
        path: ['automountServiceAccountToken'],
        severity: 'low',
        fix: () => serviceAccountAutomountFix(estate, account, options.kubernetesVersion),
      });
    }
  },
});

function automountPath(paths: Map<FieldPath, FieldPath>, specPath: FieldPath): FieldPath {
  let path = paths.get(specPath);
  if (path === undefined) paths.set(specPath, (path = specPath.concat('automountServiceAccountToken')));
  return path;
}
