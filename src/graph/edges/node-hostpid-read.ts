import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'NODE-HOSTPID-READ',
  title: 'Read the secrets of every process on the node (hostPID)',
  attack: ['T1552', 'T1489'],
  microsoft: [],
  difficulty: 'hard',
  description:
    "With hostPID alone there is no direct root shell, but every process of the node is visible: /proc/<pid>/environ and the open files of other pods' processes leak tokens and passwords, and processes can be killed.",
  rules: ['host-pid'],
  build(context) {
    escapeEdges(context, technique, 'host-pid', ({ finding }) => (finding.messageId === 'hostPid' ? 'hard' : undefined));
  },
});

export default technique;
