import type { Workload } from '../../model/workload.js';
import { defineEdge } from '../define-edge.js';
import { WHOLE_OBJECT, objectEvidence } from '../context.js';
import type { Evidence } from '../types.js';

const technique = defineEdge({
  id: 'NODE-TO-PODS',
  title: 'Take over the pods running on the node',
  attack: ['T1609', 'T1552.001'],
  microsoft: ['MS-TA9016 Container service account'],
  difficulty: 'trivial',
  description:
    "Root on a node controls every container on it and reads what the kubelet keeps for them under /var/lib/kubelet/pods: service-account tokens, mounted Secrets. Which pods are there comes from the pods' nodeName in a dump, or from the node pool their scheduling constraints select; a DaemonSet without constraints has a pod on every node.",
  build(context) {
    const placement = context.placement();
    const everywhere = new Set(placement.everywhere);
    // The same for every node the workload is on: made once per workload and shared by its edges.
    const evidence = new Map<Workload, Evidence[]>();
    const evidenceOf = (workload: Workload): Evidence[] => {
      let list = evidence.get(workload);
      if (list === undefined) evidence.set(workload, (list = describe(workload)));
      return list;
    };
    const describe = (workload: Workload): Evidence[] => {
      const where = placement.of(workload);
      if (where.how === 'observed') return [objectEvidence(workload.object, WHOLE_OBJECT, 'its pods run on this node (spec.nodeName of the pods in the dump)')];
      if (workload.kind === 'DaemonSet' && everywhere.has(workload)) return [objectEvidence(workload.object, ['kind'], 'a DaemonSet runs a pod on every node')];
      return [objectEvidence(workload.object, workload.specPath, `scheduled on ${where.pool ?? 'the pool'}`)];
    };
    const onEveryNode = placement.everywhere.map((workload) => ({ node: context.workloadNode(workload), evidence: evidenceOf(workload) }));
    for (const node of placement.allNodes) {
      for (const workload of placement.podsOn(node)) context.edge(node, context.workloadNode(workload), technique, evidenceOf(workload));
      for (const entry of onEveryNode) context.edge(node, entry.node, technique, entry.evidence);
    }
  },
});

export default technique;
