import { defineEdge } from '../define-edge.js';
import { escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-PROC-UNMASKED',
  title: 'Write host kernel settings through an unmasked /proc',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'hard',
  description:
    "procMount: Unmasked exposes the /proc paths the runtime normally masks (sysrq-trigger, kcore, kernel settings) to a container that runs in the node's user namespace.",
  rules: ['proc-mount-unmasked'],
  build(context) {
    escapeEdges(context, technique, 'proc-mount-unmasked', () => 'hard');
  },
});

export default technique;
