import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-SOCK',
  title: 'Start a privileged container through the container runtime socket',
  attack: ['T1610', 'T1611'],
  microsoft: ['MS-TA9018 Privileged container', 'MS-TA9013 Writable hostPath mount'],
  difficulty: 'trivial',
  description:
    "The runtime socket (Docker, containerd, CRI-O) is the node's root API: connecting to it (a read-only mount does not prevent that) starts a privileged container with the node's filesystem, past admission control.",
  rules: ['container-runtime-socket'],
  build(context) {
    escapeEdges(context, technique, 'container-runtime-socket', () => 'trivial');
  },
});

export default technique;
