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
    // The same for every node the workload is on: its node and evidence, found once per workload and shared by its
    // edges (50,000 pairs of node and workload at 50,000 pods).
    const targets = new Map<Workload, Target>();
    const targetOf = (workload: Workload): Target => {
      let target = targets.get(workload);
      if (target === undefined) targets.set(workload, (target = { node: context.workloadNode(workload), evidence: describe(workload) }));
      return target;
    };
    const describe = (workload: Workload): Evidence[] => {
      const where = placement.of(workload);
      if (where.how === 'observed') return [objectEvidence(workload.object, WHOLE_OBJECT, 'its pods run on this node (spec.nodeName of the pods in the dump)')];
      if (workload.kind === 'DaemonSet' && everywhere.has(workload)) return [objectEvidence(workload.object, ['kind'], 'a DaemonSet runs a pod on every node')];
      return [objectEvidence(workload.object, workload.specPath, `scheduled on ${where.pool ?? 'the pool'}`)];
    };
    const onEveryNode = placement.everywhere.map(targetOf);
    const { allNodes } = placement;
    for (let index = 0; index < allNodes.length; index++) {
      const node = allNodes[index];
      const pods = placement.podsOn(node);
      for (let item = 0; item < pods.length; item++) {
        const target = targetOf(pods[item]);
        context.edge(node, target.node, technique, target.evidence);
      }
      for (let item = 0; item < onEveryNode.length; item++) context.edge(node, onEveryNode[item].node, technique, onEveryNode[item].evidence);
    }
  },
});

export default technique;

interface Target {
  node: number;
  evidence: Evidence[];
}
