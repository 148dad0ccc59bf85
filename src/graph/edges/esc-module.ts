import { defineEdge } from '../define-edge.js';
import { addsCapability, escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-MODULE',
  title: 'Load a kernel module (SYS_MODULE)',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'easy',
  description:
    "CAP_SYS_MODULE lets the container insmod a kernel module: code in the node's kernel.",
  rules: ['capabilities-dangerous'],
  build(context) {
    escapeEdges(context, technique, 'capabilities-dangerous', ({ container }) => (addsCapability(container, 'SYS_MODULE') ? 'easy' : undefined));
  },
});

export default technique;
