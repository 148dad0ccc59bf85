import { defineEdge } from '../define-edge.js';
import { escapeEdges, mountIsReadOnly } from '../escapes.js';

const technique = defineEdge({
  id: 'ESC-HOST-READ',
  title: "Read the node's credentials through a read-only hostPath mount",
  attack: ['T1611', 'T1552.001'],
  microsoft: ['MS-TA9026 Mount service principal'],
  difficulty: 'moderate',
  description:
    "A read-only hostPath of a sensitive place still hands out what the node keeps there: the kubelet's kubeconfig and client certificate, every pod's service-account token under /var/lib/kubelet/pods, SSH keys and kubeconfigs of the node's users, /etc/shadow to crack.",
  rules: ['host-path-sensitive'],
  build(context) {
    escapeEdges(context, technique, 'host-path-sensitive', (escape) => (mountIsReadOnly(escape) ? 'moderate' : undefined));
  },
});

export default technique;
