/** PSA check_windowsHostProcess.go: a HostProcess container is a process on the Windows node, with its privileges. */
import { asBoolean, asRecord } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containersOf, describeContainer, podSecurityContext } from '../pod.js';

export const windowsHostProcess = defineControl(
  { id: 'windowsHostProcess', level: 'baseline', title: 'HostProcess', minVersion: 'v1.0' },
  (pod, _context, report) => {
    if (asBoolean(asRecord(podSecurityContext(pod)?.windowsOptions)?.hostProcess) === true) {
      report({
        path: ['spec', 'securityContext', 'windowsOptions', 'hostProcess'],
        value: true,
        reason: 'forbidden',
        detail: 'pod sets securityContext.windowsOptions.hostProcess=true',
      });
    }
    for (const entry of containersOf(pod)) {
      if (asBoolean(asRecord(entry.securityContext?.windowsOptions)?.hostProcess) !== true) continue;
      report({
        path: entry.path.concat('securityContext', 'windowsOptions', 'hostProcess'),
        container: entry.ref,
        value: true,
        reason: 'forbidden',
        detail: `${describeContainer(entry.ref)} sets securityContext.windowsOptions.hostProcess=true`,
      });
    }
  },
);
