import { containsPort } from '../../network/ports.js';
import type { PodClass, ReachabilityEdge } from '../../network/index.js';
import type { Workload } from '../../model/workload.js';
import { defineEdge } from '../define-edge.js';
import { connectionEvidence, workloadsOfClasses } from '../network-evidence.js';
import { serviceIndex } from '../services.js';

/** Below this many pairs an allowed flow becomes direct edges; above, one junction node keeps the graph linear. */
const DIRECT_PAIRS = 16;

const technique = defineEdge({
  id: 'LAT-POD-NETWORK',
  title: 'Exploit a service reachable over the pod network',
  attack: ['T1210', 'T1046'],
  microsoft: ['MS-TA9034 Cluster internal networking', 'MS-TA9031 Network mapping'],
  difficulty: 'hard',
  description:
    'The NetworkPolicies (or their absence: pods no policy selects accept and send anything) allow the compromised pod to connect to a port another pod listens on; a vulnerability or a missing authentication there gives code execution in it. Only pods that declare a container port or back a Service count as listening.',
  build(context) {
    const network = context.network();
    if (network.policies.length === 0) context.note('No NetworkPolicy in the input: every pod is treated as able to reach every other pod and the cloud metadata endpoint.');
    const services = serviceIndex(context);
    // One junction per distinct set of sources: many rules admit the same sources (every open pod, a namespace).
    const junctions = new Map<string, number>();
    for (const edge of network.reachabilityEdges()) {
      if (edge.from.kind !== 'classes' || edge.to.kind !== 'classes') continue;
      const targets = edge.to.classIds.flatMap((id) => {
        const workloads = workloadsOfClasses(context, network.classes, [id]);
        return listens(network.classes[id], edge) ? workloads : workloads.filter(services.isBackend);
      });
      if (targets.length === 0) continue;
      const sources = workloadsOfClasses(context, network.classes, edge.from.classIds);
      if (sources.length === 0) continue;
      const link = (from: number, target: Workload, source: Workload | undefined): void => {
        const evidence = [connectionEvidence(edge, 'ingress', target)];
        if (source) evidence.unshift(connectionEvidence(edge, 'egress', source));
        else if (edge.egressRules.length > 0) evidence.unshift(connectionEvidence(edge, 'egress', target));
        context.edge(from, context.workloadNode(target), technique, evidence);
      };
      if (sources.length * targets.length <= DIRECT_PAIRS) {
        for (const source of sources) for (const target of targets) link(context.workloadNode(source), target, source);
        continue;
      }
      const key = edge.from.classIds.join(',');
      let junction = junctions.get(key);
      if (junction === undefined) {
        junction = context.graph.node({ id: `network:${junctions.size}`, kind: 'network', label: 'an allowed network flow', hub: true });
        junctions.set(key, junction);
        for (const source of sources) context.edge(context.workloadNode(source), junction, technique, [connectionEvidence(edge, 'egress', source)], 'given');
      }
      for (const target of targets) link(junction, target, undefined);
    }
  },
});

export default technique;

/** Whether the flow's ports include a port the pods of the class declare. */
function listens(podClass: PodClass, edge: ReachabilityEdge): boolean {
  return podClass.ports.some((port) => containsPort(edge.ports, port.protocol, port.port));
}
