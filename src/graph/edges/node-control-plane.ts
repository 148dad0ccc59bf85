import { controlPlaneEvidence } from '../../boundaries/node-pools.js';
import { defineEdge } from '../define-edge.js';
import { objectEvidence } from '../context.js';
import { clusterAdminNode } from '../nodes.js';
import type { Evidence } from '../types.js';

const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

const technique = defineEdge({
  id: 'NODE-CONTROL-PLANE',
  title: 'Own the cluster from a control-plane node',
  attack: ['T1611', 'T1552'],
  microsoft: ['MS-TA9030 Access Kubelet API'],
  difficulty: 'easy',
  description:
    "A control-plane node holds etcd's data and client certificates, the cluster CA key, admin.conf and the static pod manifests of the API server: root there is cluster-admin. For a node pool that merely tolerates the control-plane taint, the pod may land on a worker instead, and managed clusters (EKS, GKE, AKS) run no user pod on the control plane at all.",
  build(context) {
    const placement = context.placement();
    const admin = clusterAdminNode(context.graph);
    const nodeObjects = new Map((context.estate.byKind.get('Node') ?? []).map((node) => [`node:${node.metadata.name}`, node]));
    for (const node of placement.controlPlane) {
      const object = nodeObjects.get(context.graph.nodes[node].id);
      if (object) {
        const label = CONTROL_PLANE_LABELS.find((key) => key in object.metadata.labels) ?? CONTROL_PLANE_LABELS[0];
        context.edge(node, admin, technique, [objectEvidence(object, ['metadata', 'labels', label], 'a control-plane node')], 'easy');
        continue;
      }
      const evidence: Evidence[] = [];
      for (const workload of [...placement.podsOn(node), ...placement.everywhere.filter((entry) => placement.of(entry).nodes.includes(node))]) {
        const reason = controlPlaneEvidence(workload)[0];
        if (reason) evidence.push(objectEvidence(workload.object, [...workload.specPath, ...reason.path], `may run on control-plane nodes: ${reason.detail}`));
        if (evidence.length >= 2) break;
      }
      context.edge(node, admin, technique, evidence, 'moderate');
    }
  },
});

export default technique;
