/** PSA check_hostNamespaces.go: sharing the node's network, PID or IPC namespace removes the pod's isolation from it. */
import { asBoolean } from '../../../model/json.js';
import { defineControl } from '../define-control.js';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces = defineControl(
  { id: 'hostNamespaces', level: 'baseline', title: 'Host Namespaces', minVersion: 'v1.0' },
  (pod, _context, report) => {
    for (const field of HOST_NAMESPACE_FIELDS) {
      if (asBoolean(pod.spec[field]) !== true) continue;
      report({ path: ['spec', field], value: true, reason: 'forbidden', detail: `pod sets ${field}=true` });
    }
  },
);
