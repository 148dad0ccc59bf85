import { asString, getPath } from '../../model/json.js';
import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'volume-type-restricted',
  title: 'Volume type outside the restricted set',
  boundary: 'pod',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'medium',
  references: {
    attack: ['T1611'],
    peers: ['trivy:KSV-0028'],
  },
  rationale:
    'Volume types other than the restricted set reach the node or outside storage directly: hostPath mounts the node, gitRepo runs git on the node as root (CVE-2024-10220), flexVolume drivers run as root on the node, and nfs, iscsi, rbd and the cloud disks attach storage that no PersistentVolume policy reviewed.',
  remediation:
    'Use configMap, secret, projected, downwardAPI, emptyDir, ephemeral, csi, image or persistentVolumeClaim volumes; put network and cloud storage behind a PersistentVolume and a PersistentVolumeClaim, and clone repositories with an init container into an emptyDir.',
  messages: {
    restricted: 'Volume {{volume}} of {{workload}} is of type {{type}}, which the restricted level does not allow.',
  },
  controls: ['restrictedVolumes'],
  findingPer: 'violation',
  describe: ({ pod, violations: [violation] }) => {
    const [, , index] = violation.path;
    const volume = asString(getPath(pod.spec, ['volumes', index, 'name'])) ?? `volumes[${String(index)}]`;
    return { messageId: 'restricted', data: { volume, type: String(violation.value) } };
  },
});
