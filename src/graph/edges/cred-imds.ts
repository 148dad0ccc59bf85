import { asString } from '../../model/json.js';
import { defineEdge } from '../define-edge.js';
import { NO_EVIDENCE, objectEvidence } from '../context.js';
import { nodeCloudIdentityNode } from '../nodes.js';
import { connectionEvidence, workloadsOfClasses } from '../network-evidence.js';

const CLOUD_PROVIDER_IDS = /^(aws|gce|azure|oci|alicloud|ibm|digitalocean|openstack|huaweicloud):/;

const technique = defineEdge({
  id: 'CRED-IMDS',
  title: "Take the node's cloud credentials from the instance metadata endpoint",
  attack: ['T1552.005'],
  microsoft: ['MS-TA9033 Instance Metadata API', 'MS-TA9028 Access managed identity credentials', 'MS-TA9020 Access cloud resources'],
  difficulty: 'easy',
  description:
    "In a cloud, 169.254.169.254 hands the node's instance credentials (the node IAM role, managed identity or GCE service account) to whoever asks from the node. Pods reach it unless an egress NetworkPolicy blocks it; hostNetwork pods and the node itself always do. Cloud-side limits (IMDSv2 hop limit, metadata concealment) are not visible in the configuration.",
  build(context) {
    const nodes = context.estate.byKind.get('Node') ?? [];
    if (nodes.length > 0 && !nodes.some((node) => CLOUD_PROVIDER_IDS.test(asString((node.raw.spec as Record<string, unknown> | undefined)?.providerID) ?? ''))) return;
    if (nodes.length === 0) context.note('The cloud metadata endpoint is treated as present: nothing in the input says the cluster is not in a cloud.');
    const cloud = nodeCloudIdentityNode(context.graph);
    const network = context.network();
    for (const edge of network.reachabilityEdges()) {
      if (edge.to.kind !== 'cloud-metadata' || edge.from.kind !== 'classes') continue;
      for (const workload of workloadsOfClasses(context, network.classes, edge.from.classIds)) {
        context.edge(context.workloadNode(workload), cloud, technique, [connectionEvidence(edge, 'egress', workload)]);
      }
    }
    const { workloads } = context;
    for (let position = 0; position < workloads.length; position++) {
      const workload = workloads[position];
      if (workload.spec.hostNetwork !== true) continue;
      context.edge(context.workloadNodeAt(position), cloud, technique, [objectEvidence(workload.object, [...workload.specPath, 'hostNetwork'], 'on the node network, NetworkPolicies do not apply')]);
    }
    for (const node of context.placement().allNodes) context.edge(node, cloud, technique, NO_EVIDENCE, 'trivial');
  },
});

export default technique;
