import { controlPlaneEvidence, type ControlPlaneEvidence } from '../../boundaries/node-pools.js';
import { formatPath } from '../../model/object.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

const TOLERATES: ReadonlySet<ControlPlaneEvidence['how']> = new Set(['tolerates-every-taint', 'tolerates-control-plane']);

function reasonOf(evidence: ControlPlaneEvidence): string {
  switch (evidence.how) {
    case 'tolerates-every-taint':
      return `it tolerates every taint (${formatPath(evidence.path)}: ${evidence.detail})`;
    case 'tolerates-control-plane':
      return `it tolerates the control-plane taint (${formatPath(evidence.path)}: ${evidence.detail})`;
    case 'node-selector':
      return `it selects control-plane nodes (nodeSelector ${evidence.detail})`;
    case 'node-affinity':
      return `it requires control-plane nodes (node affinity ${evidence.detail})`;
    case 'node-name':
      return `it is pinned to a control-plane node (${evidence.detail}), which bypasses the scheduler and its taints`;
  }
}

export default defineRule({
  id: 'control-plane-scheduling',
  title: 'Workload can run on control-plane nodes',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'medium',
  references: {
    attack: ['T1611', 'T1552'],
    links: ['https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/', 'https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint'],
  },
  rationale:
    'Control-plane nodes hold etcd, the cluster CA and admin credentials under /etc/kubernetes, and the API server itself. A pod scheduled there shares the kernel with them: any escape from it, or a hostPath mount, is cluster-admin rather than one node. The control-plane taint exists to keep application pods off those nodes. A DaemonSet (a node agent, there by design) is rated one step lower, and so is a workload that asks for control-plane nodes without tolerating their taint.',
  remediation:
    'Remove the toleration of node-role.kubernetes.io/control-plane (and any operator: Exists toleration without a key), and the control-plane nodeSelector or node affinity; give a DaemonSet only the tolerations of the taints its nodes really carry.',
  messages: {
    schedulable: '{{workload}} can run on control-plane nodes: {{reasons}}.',
    everyNode: '{{workload}} runs a pod on every node it can be scheduled on, control-plane nodes included: {{reasons}}.',
    selectedOnly:
      '{{workload}} asks for control-plane nodes ({{constraints}}) without tolerating their taint: it runs only where the taint was removed, as on single-node and k3s clusters.',
  },
  check({ estate, report }) {
    const nodes = new Map((estate.byKind.get('Node') ?? []).map((node) => [node.metadata.name, node.metadata.labels]));
    for (const workload of analysedWorkloads(estate)) {
      const evidence = controlPlaneEvidence(workload, nodes);
      if (evidence.length === 0) continue;
      const opensTheDoor = evidence.find((entry) => TOLERATES.has(entry.how) || entry.how === 'node-name');
      const reasons = evidence.map(reasonOf).join('; ');
      const data = { workload: workloadLabel(workload), reasons };
      const base = { data, object: workload.object };
      // Node agents run everywhere by design; the finding still matters for what else they carry (hostPath, hostPID),
      // which their own rules rate. An application pod has no business there.
      const daemonSet = workload.kind === 'DaemonSet';
      if (!opensTheDoor) {
        // Asking for control-plane nodes while they keep their taint leaves the pod Pending; it lands there only
        // on clusters whose control plane is untainted.
        const constraints = evidence.map((entry) => `${entry.how === 'node-selector' ? 'nodeSelector' : 'node affinity'} ${entry.detail}`).join(', ');
        report({ ...base, data: { ...data, constraints }, messageId: 'selectedOnly', path: [...workload.specPath, ...evidence[0].path], severity: daemonSet ? 'info' : 'low' });
        continue;
      }
      const everyNode = daemonSet && opensTheDoor.how !== 'node-name';
      report({ ...base, messageId: everyNode ? 'everyNode' : 'schedulable', path: [...workload.specPath, ...opensTheDoor.path], severity: daemonSet ? 'low' : 'medium' });
    }
  },
});
