import { environmentOf } from '../../boundaries/controls.js';
import type { K8sObject } from '../../model/object.js';
import { defineRule } from '../define-rule.js';
import { listNames, userNamespaces } from '../helpers.js';

/** Most sensitive first: the finding is reported on the namespaces of the most sensitive environment present. */
const ENVIRONMENT_ORDER = ['production', 'staging', 'test', 'development'];

export default defineRule({
  id: 'environments-share-cluster',
  title: 'Several environments share one cluster',
  boundary: 'cluster',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'medium',
  references: {
    microsoft: ['Container service account', 'Cluster internal networking'],
    links: ['https://kubernetes.io/docs/concepts/security/multi-tenancy/'],
  },
  rationale:
    'Namespaces are a soft boundary: nodes, the API server, cluster-wide RBAC, CRDs and admission webhooks are shared. When development and production share a cluster, a weakness tolerated in development (a privileged debug pod, a broad role) is one node or one binding away from production.',
  remediation: 'Run one cluster per stage. Where that is not possible, keep production on dedicated nodes (taints and node affinity), deny cross-environment traffic with NetworkPolicies, and bind no subject in more than one environment.',
  messages: {
    shared: 'Namespace {{namespace}} ({{environment}}) shares this cluster with {{others}}.',
  },
  check({ estate, report }) {
    const byEnvironment = new Map<string, K8sObject[]>();
    for (const namespace of userNamespaces(estate)) {
      const environment = environmentOf(namespace.metadata.name, namespace.metadata.labels);
      if (!environment) continue;
      const list = byEnvironment.get(environment);
      if (list === undefined) byEnvironment.set(environment, [namespace]);
      else list.push(namespace);
    }
    for (const namespaces of byEnvironment.values()) namespaces.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    if (byEnvironment.size < 2) return;
    const mostSensitive = ENVIRONMENT_ORDER.find((environment) => byEnvironment.has(environment))!;
    // In the order of ENVIRONMENT_ORDER and of names, whatever order the input came in (a live cluster lists by name).
    const others = [...byEnvironment]
      .sort(([a], [b]) => ENVIRONMENT_ORDER.indexOf(a) - ENVIRONMENT_ORDER.indexOf(b))
      .filter(([environment]) => environment !== mostSensitive)
      .map(([environment, namespaces]) => `${environment} (${listNames(namespaces.map((namespace) => namespace.metadata.name), SHOWN)})`)
      .join(', ');
    // The same list on every finding: a few objects per environment, not every namespace of a 10,000-namespace cluster.
    const related = [...byEnvironment].filter(([environment]) => environment !== mostSensitive).flatMap(([, namespaces]) => namespaces.slice(0, SHOWN));
    for (const namespace of byEnvironment.get(mostSensitive)!) {
      report({
        messageId: 'shared',
        data: { namespace: namespace.metadata.name, environment: mostSensitive, others },
        object: namespace,
        path: [],
        related,
      });
    }
  },
});

/** Namespaces named per environment in a message (the rest are counted). */
const SHOWN = 5;

