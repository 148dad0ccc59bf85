import { asArray, asString, getPath } from '../../model/json.js';
import { normalizeCapability } from '../../model/security-context.js';
import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';

export default defineRule({
  id: 'capability-net-raw',
  title: 'Container keeps the NET_RAW capability',
  boundary: 'pod',
  stride: ['spoofing', 'tampering', 'information-disclosure'],
  severity: 'low',
  references: {
    attack: ['T1557', 'T1040'],
    microsoft: ['ARP poisoning and IP spoofing'],
    cis: ['5.2.8'],
    peers: ['kubescape:C-0211', 'kube-linter:drop-net-raw-capability', 'polaris:insecureCapabilities', 'checkov:CKV_K8S_28', 'trivy:KSV-0119', 'kubeaudit:capabilities'],
  },
  rationale:
    "NET_RAW is in Docker's and containerd's default capability set. It lets a process craft raw packets: ARP and DNS spoofing of the pods that share its node's bridge, IP spoofing, and sniffing with hostNetwork. Almost no application needs it; ping works without it on current runtimes, which allow unprivileged ICMP sockets.",
  remediation: 'Add NET_RAW (or ALL) to securityContext.capabilities.drop of every container, and remove it from capabilities.add.',
  messages: {
    notDropped: 'Container {{container}} of {{workload}} keeps NET_RAW: securityContext.capabilities.drop contains neither NET_RAW nor ALL.',
    added: 'Container {{container}} of {{workload}} asks for NET_RAW: securityContext.capabilities.add lists {{capability}}.',
    privileged: 'Container {{container}} of {{workload}} runs privileged, so it holds NET_RAW whatever capabilities.drop says.',
    prefixed:
      'Container {{container}} of {{workload}} drops {{capability}}, which containerd turns into CAP_{{capability}} and so does not drop NET_RAW: write NET_RAW (or ALL).',
  },
  check({ estate, report }) {
    forEachContainer(estate, (workload, container) => {
      // Debug containers are added by hand and often need raw sockets (tcpdump, ping); they are short-lived.
      if (container.list === 'ephemeralContainers') return;
      // Windows has no Linux capabilities.
      if (asString(getPath(workload.spec, ['os', 'name'])) === 'windows') return;
      const security = container.security;
      const data = { container: container.name, workload: workloadLabel(workload) };
      const base = { data, object: workload.object, container };
      // With hostNetwork, raw sockets reach the node's own interfaces, not only the pod bridge.
      const reachesNodeNetwork = getPath(workload.spec, ['hostNetwork']) === true;
      if (security.privileged.value === true) {
        report({ ...base, messageId: 'privileged', path: security.privileged.path ?? security.securityContextPath, severity: 'medium' });
        return;
      }
      // An explicit add is a stated intent (and wins over a drop of the same name in Docker), so it is reported first.
      const added = asArray(getPath(container.spec, ['securityContext', 'capabilities', 'add']));
      const addedAt = added.findIndex((entry) => typeof entry === 'string' && ['NET_RAW', 'ALL'].includes(normalizeCapability(entry)));
      if (addedAt !== -1) {
        const capability = String(added[addedAt]);
        report({ ...base, data: { ...data, capability }, messageId: 'added', path: [...security.capabilitiesPath, 'add', addedAt], severity: 'medium' });
        return;
      }
      // Read as containerd does: it upper-cases each name and prefixes CAP_ itself, so "net_raw" drops NET_RAW but
      // "CAP_NET_RAW" becomes CAP_CAP_NET_RAW and drops nothing (CRI-O and Docker accept both spellings).
      const dropped = asArray(getPath(container.spec, ['securityContext', 'capabilities', 'drop']));
      const upper = dropped.map((entry) => (typeof entry === 'string' ? entry.toUpperCase() : ''));
      if (upper.includes('NET_RAW') || upper.includes('ALL')) return;
      const severity = reachesNodeNetwork ? 'medium' : 'low';
      const prefixedAt = upper.findIndex((entry) => entry === 'CAP_NET_RAW' || entry === 'CAP_ALL');
      if (prefixedAt !== -1) {
        const capability = String(dropped[prefixedAt]);
        report({ ...base, data: { ...data, capability }, messageId: 'prefixed', path: [...security.capabilitiesPath, 'drop', prefixedAt], severity });
        return;
      }
      report({ ...base, messageId: 'notDropped', path: [...security.capabilitiesPath, 'drop'], severity });
    });
  },
});
