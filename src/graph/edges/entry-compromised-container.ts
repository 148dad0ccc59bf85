import { defineEdge } from '../define-edge.js';
import { anyWorkloadNode } from '../nodes.js';
import { WHOLE_OBJECT, objectEvidence } from '../context.js';

/** The "assume breach" entry: not a weakness of the configuration, the starting point of every what-if. */
const technique = defineEdge({
  id: 'ENTRY-COMPROMISED-CONTAINER',
  title: 'Compromised container (assumed breach)',
  attack: ['T1190', 'T1525', 'T1195.002'],
  microsoft: ['MS-TA9004 Application vulnerability', 'MS-TA9002 Compromised image in registry'],
  difficulty: 'given',
  description:
    'An application vulnerability, a malicious or compromised image, or a stolen CI credential gives an attacker code execution in one container. The configuration cannot say which one; paths from this entry answer "what if this workload is compromised", for every workload.',
  build(context) {
    const entry = anyWorkloadNode(context.graph);
    const { workloads } = context;
    for (let index = 0; index < workloads.length; index++) {
      context.edge(entry, context.workloadNodeAt(index), technique, [objectEvidence(workloads[index].object, WHOLE_OBJECT, 'code execution in one of its containers is assumed')]);
    }
  },
});

export default technique;
