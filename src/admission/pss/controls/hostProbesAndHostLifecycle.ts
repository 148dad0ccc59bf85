/**
 * PSA check_hostProbesAndHostLifecycle.go (policy v1.34+): a probe or lifecycle hook with a `host` makes the kubelet
 * connect to an address of the pod's choosing, from the node's network. Any non-empty host is refused, even localhost.
 */
import { asString, getPath } from '../../../model/json.js';
import { defineControl } from '../define-control.js';
import { containersOf, describeContainer } from '../pod.js';
import type { PathSegment } from '../../../model/object.js';

/** Every handler that can carry a host: the three probes, then the two lifecycle hooks. */
const HANDLER_PATHS: readonly PathSegment[][] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];
const HOST_ACTIONS = ['httpGet', 'tcpSocket'] as const;

export const hostProbesAndHostLifecycle = defineControl(
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', title: 'Host Probes / Lifecycle Hooks', minVersion: 'v1.34' },
  (pod, _context, report) => {
    for (const entry of containersOf(pod)) {
      for (const handlerPath of HANDLER_PATHS) {
        for (const action of HOST_ACTIONS) {
          const field = [...handlerPath, action, 'host'];
          const host = asString(getPath(entry.container, field));
          if (host === undefined || host === '') continue;
          report({
            path: entry.path.concat(field),
            container: entry.ref,
            value: host,
            reason: 'forbidden',
            detail: `${describeContainer(entry.ref)} sets ${field.join('.')}=${JSON.stringify(host)}`,
          });
        }
      }
    }
  },
);
