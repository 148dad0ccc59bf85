import { asString, getPath } from '../../model/json.js';
import { definePssControlRule } from '../pss-control-rule.js';

/** `/`, `//` and the like: the whole filesystem of the node. */
function isNodeRoot(hostPath: string): boolean {
  return hostPath.startsWith('/') && hostPath.replace(/\/+$/, '') === '';
}

export default definePssControlRule({
  id: 'host-path-volume',
  title: "Pod mounts a directory of the node (hostPath)",
  boundary: 'node',
  stride: ['elevation-of-privilege', 'tampering', 'information-disclosure'],
  severity: 'high',
  references: {
    attack: ['T1611'],
    microsoft: ['Writable hostPath mount'],
    cis: ['5.2.12'],
    peers: ['kubescape:C-0048', 'kube-linter:host-mounts', 'polaris:hostPathSet', 'trivy:KSV-0023'],
  },
  rationale:
    "A hostPath volume puts part of the node's filesystem in the pod. Depending on the path, an attacker reads the kubelet's credentials and every pod's service account token, writes a cron job or a static pod manifest, or talks to the container runtime: each is a way out of the pod onto the node.",
  remediation:
    'Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim. If the node path is really needed (a node agent), mount the narrowest directory, with readOnly: true on every volumeMount, and run the workload in a namespace of its own.',
  messages: {
    hostPath: 'Volume {{volume}} of {{workload}} mounts the node directory {{hostPath}}.',
    nodeRoot: "Volume {{volume}} of {{workload}} mounts the node's whole filesystem ({{hostPath}}).",
  },
  controls: ['hostPathVolumes'],
  findingPer: 'violation',
  describe: ({ pod, violations: [violation] }) => {
    const [, , index] = violation.path;
    const volume = asString(getPath(pod.spec, ['volumes', index, 'name'])) ?? `volumes[${String(index)}]`;
    const hostPath = typeof violation.value === 'string' ? violation.value : '';
    const data = { volume, hostPath: JSON.stringify(hostPath) };
    return isNodeRoot(hostPath) ? { messageId: 'nodeRoot', data, severity: 'critical' } : { messageId: 'hostPath', data };
  },
});
