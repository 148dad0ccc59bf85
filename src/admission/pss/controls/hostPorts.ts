/** PSA check_hostPorts.go: a hostPort binds the node's own address, past any NetworkPolicy on the pod network. */
import { asArray, asNumber, asRecord } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containersOf, describeContainer } from '../pod.js';

export const hostPorts = defineControl(
  { id: 'hostPorts', level: 'baseline', title: 'Host Ports', minVersion: 'v1.0' },
  (pod, _context, report) => {
    for (const entry of containersOf(pod)) {
      asArray(entry.container.ports).forEach((item, index) => {
        const hostPort = asNumber(asRecord(item)?.hostPort);
        if (hostPort === undefined || hostPort === 0) return;
        report({
          path: entry.path.concat('ports', index, 'hostPort'),
          container: entry.ref,
          value: hostPort,
          reason: 'forbidden',
          detail: `${describeContainer(entry.ref)} sets hostPort ${hostPort}`,
        });
      });
    }
  },
);
