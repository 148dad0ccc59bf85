import { environmentOf } from '../../boundaries/controls.js';
import { networkOfEstate } from '../../network/estate-network.js';
import { defineRule } from '../define-rule.js';
import { listNames } from '../helpers.js';
import { allowedBecause, networkedWorkloads, policyObject, type NetworkedWorkload } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';

/**
 * One finding per production namespace that pods of a non-production namespace (development, test, staging; see
 * environmentOf) can connect to, on some port. The witness pair and the policies (or their absence) that allow it
 * are named. Namespaces without a recognisable environment are left out: nothing says which side they are on.
 */
export default defineRule({
  id: 'environments-reachable',
  title: 'Non-production pods can reach production',
  boundary: 'namespace',
  stride: ['tampering', 'information-disclosure', 'elevation-of-privilege'],
  severity: 'high',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1210', 'T1021'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubescape:C-0054'],
  },
  rationale:
    'Development and test workloads run unreviewed code, debug tools and weak credentials, and more people may deploy and exec into them. When their pods can open connections to production pods, a compromised dev pod talks straight to the production database or API: the stage boundary exists on paper only.',
  remediation:
    'Isolate production pods for ingress (a default-deny policy in each production namespace) and admit only the production namespaces and the ingress controller by namespaceSelector on kubernetes.io/metadata.name; better, run each stage in its own cluster.',
  messages: {
    reachable: 'Production namespace {{namespace}} is reachable from {{sources}}: for example {{from}} → {{to}} ({{why}}).',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    const environments = new Map<string, string>();
    for (const info of estate.namespaces.values()) {
      const environment = environmentOf(info.name, info.labels);
      if (environment !== undefined) environments.set(info.name, environment);
    }
    const production = [...environments].filter(([, environment]) => environment === 'production').map(([name]) => name);
    const others = [...environments].filter(([, environment]) => environment !== 'production').map(([name]) => name);
    if (production.length === 0 || others.length === 0) return;
    const nonProduction = new Set(others);
    // Production namespaces mostly share their answer (the same few edges reach them): each answer is filtered once.
    const nonProductionOf = new Map<readonly string[], readonly string[]>();
    let byGroup: Map<string, NetworkedWorkload> | undefined;
    for (const target of production) {
      const reaching = network.namespacesReaching(target);
      let sources = nonProductionOf.get(reaching);
      if (sources === undefined) nonProductionOf.set(reaching, (sources = reaching.filter((source) => nonProduction.has(source))));
      if (sources.length === 0) continue;
      byGroup ??= new Map(networkedWorkloads(estate).map((entry) => [entry.group.id, entry]));
      const workloadOfGroup = byGroup;
      const verdict = network.canReach({ kind: 'namespace', namespace: sources[0] }, { kind: 'namespace', namespace: target });
      const witness = (classId: number | undefined): NetworkedWorkload | undefined => {
        const group = classId === undefined ? undefined : network.classes[classId]?.groups[0];
        return group === undefined ? undefined : workloadOfGroup.get(group.id);
      };
      const from = witness(verdict.fromClassId);
      const reached = witness(verdict.toClassId);
      if (from === undefined || reached === undefined) continue;
      const because = allowedBecause(verdict.reasons);
      const namespaceObject = estate.namespaces.get(target)?.object;
      report({
        messageId: 'reachable',
        data: {
          namespace: target,
          sources: listLabels(sources, (source) => `${source} (${environments.get(source)})`),
          from: `${from.workload.kind} ${from.workload.namespace}/${from.workload.name}`,
          to: `${reached.workload.kind} ${reached.workload.namespace}/${reached.workload.name}`,
          why: because.text,
        },
        object: namespaceObject ?? reached.workload.object,
        path: namespaceObject ? ['metadata', 'name'] : [...reached.workload.templatePath, 'metadata', 'labels'],
        related: [from.workload.ref, reached.workload.ref, ...because.policies.map((origin) => policyObject(estate, origin) ?? origin.ref)],
      });
    }
  },
});

/** listNames of the items' labels, labelling only the items it names: 2,000 source namespaces name five. */
function listLabels(items: readonly string[], label: (item: string) => string, max = 5): string {
  if (items.length <= max) return listNames(items.map(label), max);
  return `${listNames(items.slice(0, max).map(label), max)} and ${items.length - max} more`;
}
