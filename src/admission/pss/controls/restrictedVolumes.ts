/**
 * PSA check_restrictedVolumes.go: restricted pods may only use volume types that cannot reach the node or
 * outside storage directly. PSA cannot see through a PersistentVolumeClaim to the volume behind it.
 */
import { asArray, asRecord, asString } from '../../../model/json.js';
import { defineControl } from '../define-control.js';

/** Sources a restricted pod may use; `image` (k8s 1.33) was patched into PSA's v1.0 check, so it counts at every version. */
export const RESTRICTED_ALLOWED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
  'image',
];

/** Every other source of the core Volume type, in PSA's order, so the type named in a finding is PSA's. */
export const RESTRICTED_FORBIDDEN_VOLUME_TYPES: readonly string[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

export const restrictedVolumes = defineControl(
  { id: 'restrictedVolumes', level: 'restricted', title: 'Volume Types', minVersion: 'v1.0', overrides: 'hostPathVolumes' },
  (pod, _context, report) => {
    asArray(pod.spec.volumes).forEach((item, index) => {
      const volume = asRecord(item);
      if (!volume) return;
      if (RESTRICTED_ALLOWED_VOLUME_TYPES.some((type) => asRecord(volume[type]))) return;
      // A volume with no source is defaulted to emptyDir by the API server before admission sees it.
      const type = RESTRICTED_FORBIDDEN_VOLUME_TYPES.find((candidate) => asRecord(volume[candidate]));
      if (type === undefined) return;
      report({
        path: ['spec', 'volumes', index, type],
        value: type,
        reason: 'forbidden',
        detail: `volume ${JSON.stringify(asString(volume.name) ?? '')} is of type ${type}, which restricted does not allow`,
      });
    });
  },
);
