/**
 * The controls matrix: for each trust boundary, the controls the KCSA threat model names, and whether the estate
 * has them (present), lacks them (missing) or has them only in part (weak), per namespace or for the cluster.
 */
import type { Estate } from '../model/estate.js';
import type { BoundaryControls, ControlState, WorkloadSummary } from '../engine/threat-model.js';
import { networkOfEstate } from '../network/estate-network.js';
import type { DefaultDenyStatus } from '../network/index.js';
import { observability, type Detected } from './observability.js';
import { listNames } from '../rules/helpers.js';
import { METRICS_RESOURCES, NAMESPACE_RESOURCES, NODE_AGENT_RESOURCES } from '../rules/absence.js';

const ENVIRONMENT_PATTERNS: Array<[string, RegExp]> = [
  ['production', /(^|[-_.])(prod|production|prd|live)([-_.]|$)/],
  ['staging', /(^|[-_.])(staging|stage|stg|preprod|uat)([-_.]|$)/],
  ['test', /(^|[-_.])(test|testing|qa)([-_.]|$)/],
  ['development', /(^|[-_.])(dev|develop|development|sandbox)([-_.]|$)/],
];

/** The environment a namespace belongs to, from an `environment`/`env` label or its name. */
export function environmentOf(name: string, labels: Record<string, string>): string | undefined {
  const label = labels['environment'] ?? labels['env'] ?? labels['app.kubernetes.io/environment'];
  for (const candidate of [label, name]) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    for (const [environment, pattern] of ENVIRONMENT_PATTERNS) if (pattern.test(lower)) return environment;
  }
  return undefined;
}

/**
 * `unknown`: the resources the input could not show whole, with why (unknownResources in rules/absence.ts): a control
 * found nowhere among them is not known to be missing.
 */
export function controlsMatrix(estate: Estate, workloads: readonly WorkloadSummary[], unknown: ReadonlyMap<string, string> = new Map()): BoundaryControls[] {
  const byNamespace = new Map<string, WorkloadSummary[]>();
  for (const workload of workloads) {
    const namespace = workload.object.namespace ?? estate.defaultNamespace;
    const list = byNamespace.get(namespace);
    if (list) list.push(workload);
    else byNamespace.set(namespace, [workload]);
  }
  const countInNamespace = (kind: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const object of estate.byKind.get(kind) ?? []) {
      const namespace = object.metadata.namespace ?? estate.defaultNamespace;
      counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
    }
    return counts;
  };
  const policies = countInNamespace('NetworkPolicy');
  const quotas = countInNamespace('ResourceQuota');
  const limitRanges = countInNamespace('LimitRange');
  const roleBindings = countInNamespace('RoleBinding');

  const defaultDeny = new Map(networkOfEstate(estate).defaultDeny().map((status) => [status.namespace, status]));
  const cluster: ControlState[] = [];
  const node: ControlState[] = [];
  const namespace: ControlState[] = [];
  const pod: ControlState[] = [];

  const environments = new Map<string, string[]>();
  for (const info of estate.namespaces.values()) {
    const environment = environmentOf(info.name, info.labels);
    if (!environment) continue;
    const names = environments.get(environment);
    if (names === undefined) environments.set(environment, [info.name]);
    else names.push(info.name);
  }
  // Two stages seen share the cluster whatever else there is; one stage seen is all only when every namespace was.
  const namespacesUnknown = notKnown(NAMESPACE_RESOURCES, unknown);
  cluster.push({
    control: 'cluster-per-stage',
    title: 'One cluster per stage',
    scope: 'cluster',
    status: environments.size > 1 ? 'missing' : environments.size === 1 && namespacesUnknown === undefined ? 'present' : 'not-applicable',
    evidence:
      environments.size > 1
        ? `${[...environments].map(([environment, names]) => `${environment} (${listNames(names)})`).join('; ')} share one cluster`
        : namespacesUnknown !== undefined
          ? `not known: ${namespacesUnknown}`
          : environments.size === 1
            ? `only ${[...environments.keys()][0]} namespaces in this cluster`
            : 'no environment recognised from namespace names or labels',
  });

  cluster.push(...observabilityControls(estate, unknown));

  for (const info of estate.namespaces.values()) {
    const name = info.name;
    const inNamespace = byNamespace.get(name) ?? [];
    const escaping = inNamespace.filter((workload) => workload.nodeEscapes.length > 0);
    if (inNamespace.length > 0) {
      node.push({
        control: 'pods-kept-off-node',
        title: 'Pods cannot cross into their node',
        scope: name,
        status: escaping.length === 0 ? 'present' : 'missing',
        evidence:
          escaping.length === 0
            ? `none of ${inNamespace.length} workloads has a setting that reaches the node`
            : `${escaping.length} of ${inNamespace.length} workloads can reach the node: ${listNames(escaping.map((workload) => workload.object.name))}`,
      });
    }

    namespace.push(presence('rbac-bindings', 'RBAC bindings scoped to the namespace', name, roleBindings.get(name) ?? 0, 'RoleBinding'));
    namespace.push(presence('resource-quota', 'ResourceQuota', name, quotas.get(name) ?? 0, 'ResourceQuota'));
    namespace.push(presence('limit-range', 'LimitRange', name, limitRanges.get(name) ?? 0, 'LimitRange'));

    const enforce = info.labels['pod-security.kubernetes.io/enforce'];
    pod.push({
      control: 'pod-security-admission',
      title: 'Pod Security Admission enforce label',
      scope: name,
      status: enforce === 'restricted' ? 'present' : enforce === 'baseline' ? 'weak' : 'missing',
      evidence: enforce ? `enforce=${enforce}` : info.object ? 'the namespace has no enforce label' : 'no Namespace object in the input',
    });
    if (inNamespace.length > 0) {
      const restricted = inNamespace.filter((workload) => workload.podSecurityLevel === 'restricted').length;
      const privileged = inNamespace.filter((workload) => workload.podSecurityLevel === 'privileged').length;
      pod.push({
        control: 'security-contexts',
        title: 'Hardened security contexts (Pod Security Standards)',
        scope: name,
        status: restricted === inNamespace.length ? 'present' : privileged > 0 ? 'missing' : 'weak',
        evidence: `${restricted} restricted, ${inNamespace.length - restricted - privileged} baseline, ${privileged} privileged of ${inNamespace.length} workloads`,
      });
      const defaultAccount = inNamespace.filter((workload) => workload.serviceAccount === 'default').length;
      pod.push({
        control: 'dedicated-service-accounts',
        title: 'Dedicated service accounts',
        scope: name,
        status: defaultAccount === 0 ? 'present' : defaultAccount === inNamespace.length ? 'missing' : 'weak',
        evidence: `${inNamespace.length - defaultAccount} of ${inNamespace.length} workloads run as their own service account`,
      });
      pod.push(networkPolicyControl(name, policies.get(name) ?? 0, defaultDeny.get(name)));
    }
  }
  return [
    { boundary: 'cluster', controls: cluster },
    { boundary: 'node', controls: node },
    { boundary: 'namespace', controls: namespace },
    { boundary: 'pod', controls: pod },
  ];
}

/**
 * NetworkPolicies of a namespace: present with a default deny for ingress and egress, weak with one direction or
 * with policies but no default (only the pods they select are isolated), missing without any.
 */
function networkPolicyControl(scope: string, count: number, status: DefaultDenyStatus | undefined): ControlState {
  const control = 'network-policies';
  const title = 'NetworkPolicies';
  const names = (direction: 'ingress' | 'egress'): string => (status?.[direction] ?? []).map((origin) => origin.ref.name).join(', ');
  const ingress = (status?.ingress.length ?? 0) > 0;
  const egress = (status?.egress.length ?? 0) > 0;
  const counted = `${count} ${count === 1 ? 'NetworkPolicy' : 'NetworkPolicies'}`;
  if (ingress && egress) return { control, title, scope, status: 'present', evidence: `${counted}; default deny for ingress (${names('ingress')}) and egress (${names('egress')})` };
  if (ingress || egress) {
    const [denied, open] = ingress ? (['ingress', 'egress'] as const) : (['egress', 'ingress'] as const);
    return { control, title, scope, status: 'weak', evidence: `${counted}; default deny for ${denied} only (${names(denied)}), ${open} open where no policy selects the pod` };
  }
  if (count > 0) return { control, title, scope, status: 'weak', evidence: `${counted} but no default deny: only the pods they select are isolated` };
  return { control, title, scope, status: 'missing', evidence: 'no NetworkPolicy' };
}

function presence(control: string, title: string, scope: string, count: number, kind: string): ControlState {
  return { control, title, scope, status: count > 0 ? 'present' : 'missing', evidence: count > 0 ? `${count} ${count === 1 ? kind : plural(kind)}` : `no ${kind}` };
}

function plural(kind: string): string {
  return kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`;
}

/** Why the resources cannot show that something is missing ("daemonsets.apps could not be listed"); undefined when they can. */
function notKnown(resources: readonly string[], unknown: ReadonlyMap<string, string>): string | undefined {
  const resource = resources.find((candidate) => unknown.has(candidate));
  return resource === undefined ? undefined : `${resource} ${unknown.get(resource)}`;
}

/** Monitoring and logging, the seed's persistence measures, as controls of the cluster. */
function observabilityControls(estate: Estate, unknown: ReadonlyMap<string, string>): ControlState[] {
  const seen = observability(estate);
  const detected = (control: string, title: string, found: Detected[], none: string, resources: readonly string[]): ControlState => {
    if (found.length > 0) {
      return { control, title, scope: 'cluster', status: 'present', evidence: found.map((entry) => `${entry.product} (${entry.workload.kind} ${entry.workload.namespace}/${entry.workload.name})`).join(', ') };
    }
    const why = notKnown(resources, unknown);
    return { control, title, scope: 'cluster', status: why === undefined ? 'missing' : 'not-applicable', evidence: why === undefined ? none : `${none}, but ${why}: not known` };
  };
  return [
    detected('metrics-monitoring', 'Metrics monitoring', seen.metrics, 'no metrics stack found', METRICS_RESOURCES),
    detected('node-log-shipping', 'Log shipping from every node', seen.logShippers, 'no log shipper DaemonSet found', NODE_AGENT_RESOURCES),
    detected('runtime-detection', 'Runtime threat detection', seen.runtimeDetection, 'no runtime detection DaemonSet found', NODE_AGENT_RESOURCES),
    {
      control: 'api-audit-logging',
      title: 'API server audit logging',
      scope: 'cluster',
      status: seen.audit.state === 'enabled' ? 'present' : seen.audit.state === 'disabled' ? 'missing' : 'not-applicable',
      evidence: seen.audit.state === 'unknown' ? 'no kube-apiserver static pod in the input: not known' : `kube-apiserver audit flags ${seen.audit.state === 'enabled' ? 'set' : 'not set'}`,
    },
  ];
}
