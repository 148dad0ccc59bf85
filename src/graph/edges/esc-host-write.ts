import { defineEdge } from '../define-edge.js';
import { escapeEdges, mountIsReadOnly } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-HOST-WRITE',
  title: "Write to the node's filesystem through a hostPath mount",
  attack: ['T1611'],
  microsoft: ['MS-TA9013 Writable hostPath mount'],
  difficulty: 'easy',
  description:
    "A read-write hostPath mount of a sensitive place (/, /etc, /root, /var/lib/kubelet, /proc, …) lets the container plant a cron job, an SSH key, a static pod manifest or a binary the node runs as root. A writable mount of another node directory is a foothold too, only a less direct one.",
  rules: ['host-path-sensitive', 'host-path-writable'],
  build(context) {
    escapeEdges(context, technique, 'host-path-sensitive', (escape) => (mountIsReadOnly(escape) ? undefined : 'easy'));
    escapeEdges(context, technique, 'host-path-writable', () => 'hard');
  },
});

export default technique;

