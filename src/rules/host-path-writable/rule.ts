import { asRecord } from '../../model/json.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';
import { canActAsNodeRoot, forNonRoot, hostPathMounts, hostPathVolumes, shownHostPath } from '../host-path-mounts.js';
import { runtimeSocketReachedBy } from '../container-runtime-socket/runtime-sockets.js';
import { submountInside } from './submounts.js';

export default defineRule({
  id: 'host-path-writable',
  title: 'Container can write to a directory of the node',
  boundary: 'node',
  stride: ['tampering', 'elevation-of-privilege', 'denial-of-service'],
  severity: 'high',
  references: {
    attack: ['T1611', 'T1543'],
    microsoft: ['Writable hostPath mount'],
    pss: 'baseline/hostPathVolumes',
    peers: ['kubescape:C-0045', 'kube-linter:writable-host-mount'],
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts'],
  },
  rationale:
    "What a container writes to a hostPath outlives the pod and is seen by the node and by every other pod that mounts the same path: an attacker plants files the node or another workload will execute or trust, persists across pod restarts, or fills the node's disk. Only the volumeMount can make the mount read-only; a readOnly mount without recursiveReadOnly still leaves the node's mounts below it writable. The severity is one step lower when the container can neither run as root nor escalate to it: host directories are root's unless the node says otherwise (fsGroup does not apply to hostPath).",
  remediation:
    'Set readOnly: true on every volumeMount of the hostPath volume (with recursiveReadOnly: Enabled, which needs mountPropagation: None, when the node has mounts below the path; Kubernetes 1.31 and later, with a runtime that supports it), or replace the volume with an emptyDir or a PersistentVolumeClaim when the workload needs to write.',
  messages: {
    writable: 'Container {{container}} of {{workload}} mounts host path {{hostPath}} at {{mountPath}} read-write: the volumeMount does not set readOnly: true.',
    volumeReadOnlyIgnored:
      'Container {{container}} of {{workload}} mounts host path {{hostPath}} at {{mountPath}} read-write: readOnly is set on the hostPath volume, a field Kubernetes does not have and drops; only the volumeMount\'s readOnly counts.',
    submountsWritable:
      'Container {{container}} of {{workload}} mounts host path {{hostPath}} read-only at {{mountPath}}, but not recursively: mounts below it on the node stay writable, e.g. {{submount}}.',
  },
  check({ estate, options, report }) {
    for (const workload of analysedWorkloads(estate)) {
      for (const volume of hostPathVolumes(workload)) {
        const volumeSaysReadOnly = asRecord(volume.volume.spec.hostPath)?.readOnly === true;
        // A socket is used by connecting to it, which a read-only mount allows: readOnly changes nothing there, and
        // container-runtime-socket reports the runtime's.
        const socket = asRecord(volume.volume.spec.hostPath)?.type === 'Socket';
        for (const mount of hostPathMounts(workload, volume)) {
          if (socket || runtimeSocketReachedBy(mount.hostPath)?.relation === 'socket') continue;
          const data = { container: mount.container.name, workload: workloadLabel(workload), hostPath: shownHostPath(mount), mountPath: mount.mountPath };
          const asRoot = canActAsNodeRoot(workload, mount.container, options.kubernetesVersion);
          if (!mount.readOnly) {
            report({
              messageId: volumeSaysReadOnly ? 'volumeReadOnlyIgnored' : 'writable',
              data,
              object: workload.object,
              container: mount.container,
              path: [...mount.path, 'readOnly'],
              severity: asRoot ? 'high' : forNonRoot('high'),
            });
            continue;
          }
          const submount = mount.recursiveReadOnly ? undefined : submountInside(mount.subPathExpr ? volume.path : mount.hostPath);
          if (!submount) continue;
          report({
            messageId: 'submountsWritable',
            data: { ...data, submount },
            object: workload.object,
            container: mount.container,
            path: [...mount.path, 'recursiveReadOnly'],
            severity: asRoot ? 'medium' : forNonRoot('medium'),
          });
        }
      }
    }
  },
});
