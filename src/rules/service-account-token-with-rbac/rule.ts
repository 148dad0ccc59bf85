import { rbacOfObject, type ClusterRbac } from '../../rbac/estate-rbac.js';
import { formatSubject, serviceAccount } from '../../rbac/subject.js';
import type { Grant, ResolvedBinding, Risk } from '../../rbac/types.js';
import { objectRef, type ObjectRef } from '../../model/object.js';
import type { Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { plainRef, rbacLabel, rolesBehind } from '../rbac-findings.js';
import { RISK_TITLES, worstRisk } from '../rbac-subject-findings.js';
import { projectedApiTokens, tokenAutomount } from '../service-account-token.js';

const SEVERITY: Record<Risk, Severity> = {
  'cluster-takeover': 'critical',
  secrets: 'high',
  'workload-control': 'high',
  other: 'medium',
  'read-only': 'low',
};

/**
 * The grants that make a token worth stealing: everything the service account holds except what the bootstrap
 * policy gives every authenticated identity (discovery, self reviews, public info), which any token has.
 */
function meaningfulGrants(rbac: ClusterRbac, namespace: string, name: string): Grant[] {
  return rbac.index.grantsFor(serviceAccount(namespace, name)).filter((grant) => !(grant.via.binding.isDefault && grant.subject.kind === 'Group'));
}

const danglingCache = new WeakMap<ClusterRbac, Map<string, ResolvedBinding[]>>();

/** Bindings that name the service account but point at a role the input lacks: their grants are unknown. */
function danglingBindingsOf(rbac: ClusterRbac, key: string): ResolvedBinding[] {
  let bySubject = danglingCache.get(rbac);
  if (bySubject === undefined) {
    bySubject = new Map();
    for (const binding of rbac.index.bindings()) {
      if (binding.role !== undefined) continue;
      for (const subject of binding.subjects) {
        const list = bySubject.get(formatSubject(subject));
        if (list === undefined) bySubject.set(formatSubject(subject), [binding]);
        else list.push(binding);
      }
    }
    danglingCache.set(rbac, bySubject);
  }
  return bySubject.get(key) ?? [];
}

function via(grants: readonly Grant[], dangling: readonly ResolvedBinding[]): string {
  const chains = new Set<string>();
  for (const grant of grants) chains.add(`${rbacLabel(grant.via.binding)} → ${rbacLabel(grant.via.role)}`);
  for (const binding of dangling) chains.add(`${rbacLabel(binding.ref)} → ${binding.roleRef.kind} ${binding.roleRef.name} (not in the input)`);
  const list = [...chains];
  return list.length <= 3 ? list.join('; ') : `${list.slice(0, 3).join('; ')} and ${list.length - 3} more`;
}

export default defineRule({
  id: 'service-account-token-with-rbac',
  title: 'Workload mounts the token of a service account with RBAC permissions',
  boundary: 'pod',
  stride: ['elevation-of-privilege', 'spoofing'],
  severity: 'critical',
  persistence: true,
  references: {
    attack: ['T1528', 'T1552.007'],
    microsoft: ['Container service account', 'Access Kubernetes API server'],
    cis: ['5.1.6'],
    peers: ['kubescape:C-0034', 'kubescape:C-0267', 'kubescape:C-0272', 'kubescape:C-0053'],
  },
  rationale:
    'A token in a pod is the pod\'s RBAC permissions in an attacker\'s hands: an application exploit, a malicious dependency or a path traversal reads /var/run/secrets/kubernetes.io/serviceaccount/token, and from there every request the service account may make, from inside or outside the cluster. The more the account may do, the more one compromised container is worth.',
  remediation:
    'Set automountServiceAccountToken: false on the pod when the application does not call the Kubernetes API; when it does, give it a dedicated service account whose role lists only the verbs and resources it uses, bound in its own namespace.',
  messages: {
    automounted: '{{workload}} mounts the token of service account {{serviceAccount}}, which has {{power}} ({{via}}).',
    projected: '{{workload}} mounts a projected API token of service account {{serviceAccount}}, which has {{power}} ({{via}}).',
  },
  check({ estate, options, report }) {
    // Workloads of a namespace mostly share one service account: its grants and their risk are computed once.
    const accounts = new Map<ClusterRbac, Map<string, { grants: Grant[]; risk: Risk | undefined }>>();
    const accountOf = (rbac: ClusterRbac, namespace: string, name: string) => {
      let byKey = accounts.get(rbac);
      if (byKey === undefined) accounts.set(rbac, (byKey = new Map()));
      const key = `${namespace}/${name}`;
      let entry = byKey.get(key);
      if (entry === undefined) {
        const grants = meaningfulGrants(rbac, namespace, name);
        byKey.set(key, (entry = { grants, risk: worstRisk(grants) }));
      }
      return entry;
    };
    for (const workload of analysedWorkloads(estate)) {
      const automount = tokenAutomount(estate, workload);
      const projected = projectedApiTokens(workload);
      if (automount.reason === undefined && projected.length === 0) continue;
      const rbac = rbacOfObject(estate, workload.object, options.kubernetesVersion);
      const { grants, risk } = accountOf(rbac, workload.namespace, workload.serviceAccountName);
      const dangling = danglingBindingsOf(rbac, formatSubject(serviceAccount(workload.namespace, workload.serviceAccountName)));
      if (risk === undefined && dangling.length === 0) continue;
      const severity = risk !== undefined ? SEVERITY[risk] : 'medium';
      const power = risk !== undefined ? RISK_TITLES[risk] : 'unknown permissions';
      const related: ObjectRef[] = [
        ...(automount.account ? [objectRef(automount.account)] : []),
        ...[...new Map(grants.map((grant) => [grant.via.binding, grant.via.binding])).values()].slice(0, 5).map(plainRef),
        ...dangling.slice(0, 5).map((binding) => plainRef(binding.ref)),
        ...rolesBehind(grants).slice(0, 5),
      ];
      report({
        messageId: automount.reason !== undefined ? 'automounted' : 'projected',
        data: { workload: workloadLabel(workload), serviceAccount: automount.serviceAccount, power, via: via(grants, dangling) },
        object: workload.object,
        path: automount.reason !== undefined ? [...workload.specPath, 'automountServiceAccountToken'] : projected[0],
        related,
        severity,
      });
    }
  },
});

