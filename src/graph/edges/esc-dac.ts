import { defineEdge } from '../define-edge.js';
import { addsCapability, escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-DAC',
  title: 'Read host files by handle (DAC_READ_SEARCH)',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'moderate',
  description:
    "CAP_DAC_READ_SEARCH allows open_by_handle_at, which reaches files of the node's filesystem from inside the container (the \"shocker\" escape): the kubelet's credentials and the pods' tokens.",
  rules: ['capabilities-dangerous'],
  build(context) {
    escapeEdges(context, technique, 'capabilities-dangerous', ({ container }) => (addsCapability(container, 'DAC_READ_SEARCH') ? 'moderate' : undefined));
  },
});

export default technique;
