import { defineEdge } from '../define-edge.js';
import { addsCapability, escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-CGROUP',
  title: 'Break out through cgroup release_agent (SYS_ADMIN)',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'moderate',
  description:
    'CAP_SYS_ADMIN allows mounting a cgroup v1 hierarchy and setting its release_agent, a program the node runs as root (CVE-2022-0492 and its variants); seccomp and AppArmor defaults may stand in the way.',
  rules: ['capabilities-dangerous'],
  build(context) {
    escapeEdges(context, technique, 'capabilities-dangerous', ({ container }) => (addsCapability(container, 'SYS_ADMIN') ? 'moderate' : undefined));
  },
});

export default technique;
