import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'NODE-HOSTIPC',
  title: "Reach the node's shared memory (hostIPC)",
  attack: ['T1552'],
  microsoft: [],
  difficulty: 'hard',
  description:
    'With hostIPC the pod shares /dev/shm and System V IPC with the node and every other hostIPC pod: whatever they exchange there can be read or changed.',
  rules: ['host-ipc'],
  build(context) {
    escapeEdges(context, technique, 'host-ipc', () => 'hard');
  },
});

export default technique;
