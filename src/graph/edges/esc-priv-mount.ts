import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-PRIV-MOUNT',
  title: 'Escape a privileged container',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'easy',
  description:
    "A privileged container sees every host device and holds every capability: mounting the node's disk, or a cgroup release_agent, runs code as root on the node.",
  rules: ['privileged-container'],
  build(context) {
    escapeEdges(context, technique, 'privileged-container', () => 'easy');
  },
});

export default technique;
