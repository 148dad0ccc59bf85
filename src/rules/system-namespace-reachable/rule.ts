import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { networkOfEstate } from '../../network/estate-network.js';
import { formatPorts } from '../../network/index.js';
import { containsPort, isAllPorts, type PortSet } from '../../network/ports.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel, listNames } from '../helpers.js';
import { allowedBecause, networkedWorkloads, policyObject } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';

/** Namespaces of monitoring stacks: they hold scrape credentials, admin APIs and often cluster-wide read access. */
const MONITORING = /(^|[-_.])(monitoring|prometheus|observability|grafana|logging)([-_.]|$)/;

const DNS_PORT = 53;

/** Ports a tenant can use beyond DNS, which every pod needs from kube-dns: the declared ones, else any. */
function beyondDns(allowed: PortSet, declared: readonly { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[]): boolean {
  const candidates = declared.filter((port) => port.port !== DNS_PORT);
  if (declared.length > 0) return candidates.some((port) => containsPort(allowed, port.protocol, port.port));
  return allowed.some((range) => range.from !== DNS_PORT || range.to !== DNS_PORT);
}

/**
 * A workload of kube-system (or of a monitoring namespace) that pods of tenant namespaces can connect to on a port
 * other than DNS. The cluster's own components (CoreDNS, kube-proxy, CNI agents) are platform findings, grouped
 * apart by default; what stays in view are the user's tools placed there (a kubectl toolbox, Prometheus, Grafana).
 */
export default defineRule({
  id: 'system-namespace-reachable',
  title: 'System or monitoring pods reachable from tenant namespaces',
  boundary: 'namespace',
  stride: ['information-disclosure', 'tampering', 'elevation-of-privilege'],
  severity: 'high',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1210', 'T1046'],
    microsoft: ['Cluster internal networking', 'Exposed sensitive interfaces'],
    peers: ['kubescape:C-0054'],
  },
  rationale:
    'kube-system and monitoring pods carry the most powerful service accounts of the cluster and admin interfaces with little or no authentication (Prometheus lifecycle and admin APIs, Grafana, metrics with secrets in labels). When any tenant pod can connect to them, one compromised application is one request away from the cluster\'s control.',
  remediation:
    'Add a default-deny ingress policy to kube-system and the monitoring namespaces and admit only what needs them: DNS (port 53) from every namespace to kube-dns, scrapes from Prometheus to the exporters, and the ingress controller to the dashboards.',
  messages: {
    reachable: '{{workload}} in {{kind}} namespace {{namespace}} accepts connections from tenant namespaces {{tenants}}: for example from {{example}} on {{ports}} ({{why}}).',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    const isSystem = (namespace: string): boolean => SYSTEM_NAMESPACES.has(namespace) || MONITORING.test(namespace);
    const tenants = [...new Set(network.groups.map((group) => group.namespace))].filter((namespace) => !isSystem(namespace)).sort();
    if (tenants.length === 0) return;
    for (const { workload, group } of networkedWorkloads(estate)) {
      if (!isSystem(workload.namespace) || group.hostNetwork) continue; // hostNetwork: the host-network rule
      // The summary (one pass over the reach matrix) narrows the namespaces; canReach then gives ports and reasons.
      const reaching = new Set(network.ingressFrom(group).namespaces.map((entry) => entry.namespace));
      const verdicts = tenants
        .filter((tenant) => reaching.has(tenant))
        .map((tenant) => ({ tenant, verdict: network.canReach({ kind: 'namespace', namespace: tenant }, group) }))
        .filter(({ verdict }) => verdict.allowed && beyondDns(verdict.ports, group.ports));
      if (verdicts.length === 0) continue;
      const [first] = verdicts;
      const because = allowedBecause(first.verdict.reasons);
      const kubeSystem = SYSTEM_NAMESPACES.has(workload.namespace);
      report({
        messageId: 'reachable',
        data: {
          workload: workloadLabel(workload),
          kind: kubeSystem ? 'system' : 'monitoring',
          namespace: workload.namespace,
          tenants: listNames(verdicts.map(({ tenant }) => tenant)),
          example: first.tenant,
          ports: isAllPorts(first.verdict.ports) ? 'every port' : formatPorts(first.verdict.ports),
          why: because.text,
        },
        object: workload.object,
        path: [...workload.templatePath, 'metadata', 'labels'],
        related: because.policies.map((origin) => policyObject(estate, origin) ?? origin.ref),
        severity: kubeSystem ? 'high' : 'medium',
      });
    }
  },
});
