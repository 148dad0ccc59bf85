import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-WIN-HOSTPROCESS',
  title: 'Run as a Windows HostProcess container',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'trivial',
  description:
    "A Windows HostProcess container runs directly on the node, as a node account (SYSTEM by default), with the node's network and filesystem.",
  rules: ['windows-host-process'],
  build(context) {
    escapeEdges(context, technique, 'windows-host-process', () => 'trivial');
  },
});

export default technique;
