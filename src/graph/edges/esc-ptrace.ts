import { defineEdge } from '../define-edge.js';
import { addsCapability, escapeEdges } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-PTRACE',
  title: 'Inject into a node process (SYS_PTRACE with hostPID)',
  attack: ['T1611'],
  microsoft: ['MS-TA9018 Privileged container'],
  difficulty: 'moderate',
  description:
    "With hostPID and CAP_SYS_PTRACE the container can attach a debugger to a process of the node running as root and make it run the attacker's code (AppArmor, on by default since Kubernetes 1.31, may block it).",
  rules: ['capabilities-dangerous'],
  build(context) {
    escapeEdges(context, technique, 'capabilities-dangerous', ({ workload, container }) => (workload.spec.hostPID === true && addsCapability(container, 'SYS_PTRACE') ? 'moderate' : undefined));
  },
});

export default technique;
