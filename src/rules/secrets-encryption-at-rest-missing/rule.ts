import { apiServerOf } from '../../boundaries/api-server.js';
import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'secrets-encryption-at-rest-missing',
  title: 'Secrets are stored in etcd unencrypted',
  boundary: 'cluster',
  stride: ['information-disclosure'],
  severity: 'medium',
  persistence: true,
  reportOnPlatform: true,
  references: {
    attack: ['T1552', 'T1005'],
    microsoft: ['List K8S secrets'],
    cis: ['1.2.27', '1.2.28'],
    peers: ['kubescape:C-0066', 'checkov:CKV_K8S_104'],
    links: ['https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  },
  rationale:
    "Without --encryption-provider-config the API server writes Secrets to etcd as they are, base64 only: whoever reads etcd's data directory, a snapshot or a backup (a control-plane node's disk, an object-storage bucket of backups) reads every Secret of the cluster, with no RBAC check and no audit record. Only the static pod's flag is visible: a configuration whose first provider is identity encrypts nothing either.",
  remediation:
    'Give kube-apiserver --encryption-provider-config with an EncryptionConfiguration whose first provider for secrets is kms (v2) or aescbc/aesgcm with a key kept off the node, then rewrite the existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -) so they are stored encrypted.',
  messages: {
    missing: 'The kube-apiserver static pod starts without --encryption-provider-config: Secrets are stored in etcd unencrypted.',
  },
  check({ estate, report }) {
    const apiServer = apiServerOf(estate);
    if (apiServer === undefined || apiServer.flag('--encryption-provider-config') !== undefined) return; // managed control planes do not show theirs
    report({ messageId: 'missing', object: apiServer.object, container: apiServer.container, path: apiServer.flagPath('--encryption-provider-config') });
  },
});
