import { asArray, asRecord, asString } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

/** How many host names the message lists before it says "and N more". */
const NAMED_HOSTS = 5;

export default defineRule({
  id: 'host-aliases',
  title: "Pod overrides name resolution in its /etc/hosts",
  boundary: 'pod',
  stride: ['spoofing', 'tampering'],
  severity: 'info',
  references: {
    attack: ['T1557'],
    peers: ['trivy:KSV-0007', 'kubesec:HostAliases'],
    links: ['https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/'],
  },
  rationale:
    "hostAliases write entries into the pod's /etc/hosts, ahead of cluster DNS: the pod reaches whatever address the manifest names for those hosts, bypassing DNS and the Service it would otherwise resolve. A quiet place to redirect a workload's traffic (an API, a token endpoint) to an address of an attacker's choosing, and easy to miss in review.",
  remediation: 'Remove spec.hostAliases and resolve the names through DNS (a Service, an ExternalName Service, or a CoreDNS entry the platform team owns).',
  messages: {
    aliases: '{{workload}} pins {{hosts}} in its /etc/hosts with spec.hostAliases.',
  },
  check({ estate, report }) {
    for (const workload of analysedWorkloads(estate)) {
      const entries = asArray(workload.spec.hostAliases);
      const hosts: string[] = [];
      for (const entry of entries) {
        const alias = asRecord(entry);
        const ip = asString(alias?.ip) ?? '?';
        for (const name of asArray(alias?.hostnames)) if (typeof name === 'string') hosts.push(`${name} → ${ip}`);
      }
      if (hosts.length === 0) continue;
      const named = hosts.slice(0, NAMED_HOSTS).join(', ') + (hosts.length > NAMED_HOSTS ? ` and ${hosts.length - NAMED_HOSTS} more` : '');
      report({ messageId: 'aliases', data: { workload: workloadLabel(workload), hosts: named }, object: workload.object, path: [...workload.specPath, 'hostAliases'] });
    }
  },
});
