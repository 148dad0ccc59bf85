import { rbacOfObject, type ClusterRbac } from '../../rbac/estate-rbac.js';
import type { Grant, ResolvedBinding, Risk } from '../../rbac/types.js';
import type { Estate } from '../../model/estate.js';
import { objectRef, type FieldPath, type ObjectRef } from '../../model/object.js';
import type { Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { plainRef, rbacLabel, rbacText, rolesBehind } from '../rbac-findings.js';
import { RISK_TITLES, accountPower } from '../rbac-subject-findings.js';
import { analysedTokenAutomounts, projectedApiTokens } from '../service-account-token.js';

const SEVERITY: Record<Risk, Severity> = {
  'cluster-takeover': 'critical',
  secrets: 'high',
  'workload-control': 'high',
  other: 'medium',
  'read-only': 'low',
};

/**
 * The chains of the first bindings, as one text. Their labels are made here, not remembered per binding (rbacLabel):
 * each is said once, inside this text, and the accounts of 50,000 pods name 17,000 bindings.
 */
function via(grants: readonly Grant[], dangling: readonly ResolvedBinding[]): string {
  const chains = new Set<string>();
  for (const grant of grants) chains.add(`${rbacText(grant.via.binding)} → ${rbacLabel(grant.via.role)}`);
  for (const binding of dangling) chains.add(`${rbacText(binding.ref)} → ${binding.roleRef.kind} ${binding.roleRef.name} (not in the input)`);
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
    const automounts = analysedTokenAutomounts(estate);
    const tokens = new TokenFindings(estate);
    const workloads = analysedWorkloads(estate);
    // The field's path under each spec path (shared by a kind's workloads), made once for the run, not per finding.
    const fieldPaths = new Map<FieldPath, FieldPath>();
    for (let index = 0; index < workloads.length; index++) {
      const workload = workloads[index];
      const automount = automounts[index];
      const projected = projectedApiTokens(workload);
      if (automount.reason === undefined && projected.length === 0) continue;
      const rbac = rbacOfObject(estate, workload.object, options.kubernetesVersion);
      const token = tokens.of(rbac, workload.namespace, workload.serviceAccountName);
      if (token === undefined) continue;
      report({
        messageId: automount.reason !== undefined ? 'automounted' : 'projected',
        data: { workload: workloadLabel(workload), serviceAccount: automount.serviceAccount, power: token.power, via: token.via },
        object: workload.object,
        path: automount.reason !== undefined ? automountPath(fieldPaths, workload.specPath) : projected[0],
        related: token.related,
        severity: token.severity,
      });
    }
  },
});

/** What a finding about a token of one account says, whichever of its workloads mounts it. */
interface TokenFinding {
  power: string;
  via: string;
  related: ObjectRef[];
  severity: Severity;
}

/**
 * What the findings of one run say of each account's token, by cluster, namespace and name (no key string per
 * workload): the workloads of a namespace mostly run as one account. Kept for the run only.
 */
class TokenFindings {
  private readonly byCluster = new Map<ClusterRbac, Map<string, Map<string, TokenFinding | undefined>>>();

  constructor(private readonly estate: Estate) {}

  of(rbac: ClusterRbac, namespace: string, name: string): TokenFinding | undefined {
    let byNamespace = this.byCluster.get(rbac);
    if (byNamespace === undefined) this.byCluster.set(rbac, (byNamespace = new Map()));
    let byName = byNamespace.get(namespace);
    if (byName === undefined) byNamespace.set(namespace, (byName = new Map()));
    if (!byName.has(name)) byName.set(name, tokenFindingOf(this.estate, rbac, namespace, name));
    return byName.get(name);
  }
}

/** What a finding says of one account's token; undefined when the token has no power. */
function tokenFindingOf(estate: Estate, rbac: ClusterRbac, namespace: string, name: string): TokenFinding | undefined {
  const { grants, risk, dangling } = accountPower(rbac, namespace, name);
  if (risk === undefined && dangling.length === 0) return undefined;
  const account = estate.serviceAccounts.get(`${namespace}/${name}`);
  return {
    power: risk !== undefined ? RISK_TITLES[risk] : 'unknown permissions',
    via: via(grants, dangling),
    related: [
      ...(account ? [objectRef(account)] : []),
      ...[...new Map(grants.map((grant) => [grant.via.binding, grant.via.binding])).values()].slice(0, 5).map(plainRef),
      ...dangling.slice(0, 5).map((binding) => plainRef(binding.ref)),
      ...rolesBehind(grants).slice(0, 5),
    ],
    severity: risk !== undefined ? SEVERITY[risk] : 'medium',
  };
}

function automountPath(paths: Map<FieldPath, FieldPath>, specPath: FieldPath): FieldPath {
  let path = paths.get(specPath);
  if (path === undefined) paths.set(specPath, (path = specPath.concat('automountServiceAccountToken')));
  return path;
}
