/** PSA check_privileged.go: a privileged container has every capability and every host device. */
import { asBoolean } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containersOf, describeContainer } from '../pod.js';

export const privileged = defineControl(
  { id: 'privileged', level: 'baseline', title: 'Privileged Containers', minVersion: 'v1.0' },
  (pod, _context, report) => {
    for (const entry of containersOf(pod)) {
      if (asBoolean(entry.securityContext?.privileged) !== true) continue;
      report({
        path: entry.path.concat('securityContext', 'privileged'),
        container: entry.ref,
        value: true,
        reason: 'forbidden',
        detail: `${describeContainer(entry.ref)} sets securityContext.privileged=true`,
      });
    }
  },
);
