import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-NSENTER',
  title: "Enter the node's namespaces from a privileged hostPID pod",
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'trivial',
  description:
    'With hostPID and a privileged container, nsenter --target 1 --mount --uts --ipc --net --pid is a root shell on the node.',
  rules: ['host-pid'],
  build(context) {
    escapeEdges(context, technique, 'host-pid', ({ finding }) => (finding.messageId === 'hostPidPrivileged' ? 'trivial' : undefined));
  },
});

export default technique;
