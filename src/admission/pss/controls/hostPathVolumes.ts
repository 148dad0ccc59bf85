/** PSA check_hostPathVolumes.go: a hostPath volume mounts part of the node's filesystem into the pod. */
import { asArray, asRecord, asString } from '../../../model/json.js';
import { defineControl } from '../define-control.js';

export const hostPathVolumes = defineControl(
  { id: 'hostPathVolumes', level: 'baseline', title: 'HostPath Volumes', minVersion: 'v1.0' },
  (pod, _context, report) => {
    asArray(pod.spec.volumes).forEach((item, index) => {
      const volume = asRecord(item);
      const hostPath = asRecord(volume?.hostPath);
      if (!volume || !hostPath) return;
      const hostDirectory = asString(hostPath.path);
      report({
        path: ['spec', 'volumes', index, 'hostPath'],
        value: hostDirectory,
        reason: 'forbidden',
        detail: `volume ${JSON.stringify(asString(volume.name) ?? '')} mounts host path ${JSON.stringify(hostDirectory ?? '')}`,
      });
    });
  },
);
