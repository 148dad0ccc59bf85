import { defineRule } from '../define-rule.js';

export default defineRule({
  id: 'secret-data-in-manifest',
  title: 'Secret values written in a manifest',
  boundary: 'namespace',
  stride: ['information-disclosure'],
  severity: 'high',
  persistence: true,
  references: {
    attack: ['T1552.001'],
    microsoft: ['List K8S secrets'],
    cwe: ['CWE-798', 'CWE-312'],
    peers: ['checkov:secrets framework', 'trivy:secret scanner'],
  },
  rationale:
    'A Secret manifest with data or stringData puts the credential itself into the repository (base64 is an encoding, not encryption): everyone with read access to the repository, its forks, its CI logs and its history has it, long after it is rotated in the cluster.',
  remediation:
    'Keep the values out of the manifests: use an external secret store (External Secrets Operator, Secrets Store CSI driver), Sealed Secrets or SOPS-encrypted files, and rotate the credential that was committed.',
  messages: {
    data: 'Secret {{secret}} carries the values of {{keys}} in the manifest itself.',
  },
  check({ estate, report }) {
    for (const secret of estate.byKind.get('Secret') ?? []) {
      // Objects read back from a cluster (kubectl get, a live scan) carry a uid; there the values are expected.
      if (secret.metadata.uid !== undefined || !secret.secretKeys || secret.secretKeys.length === 0) continue;
      // A service-account token Secret is filled in by the token controller; its manifest holds no value.
      if (secret.raw.type === 'kubernetes.io/service-account-token') continue;
      report({
        messageId: 'data',
        data: { secret: `${secret.metadata.namespace}/${secret.metadata.name}`, keys: secret.secretKeys.join(', ') },
        object: secret,
        path: secret.raw.stringData !== undefined ? ['stringData'] : ['data'],
      });
    }
  },
});
