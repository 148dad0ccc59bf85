import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { parseImageReference } from '../../model/image-reference.js';

export default defineRule({
  id: 'image-digest-missing',
  title: 'Image not pinned by digest',
  boundary: 'pod',
  stride: ['tampering'],
  severity: 'info',
  references: {
    attack: ['T1525', 'T1195.002'],
    microsoft: ['Compromised image in registry'],
    peers: ['kubescape:C-0306', 'kube-linter:image-not-pinned-by-digest', 'checkov:CKV_K8S_43'],
  },
  rationale:
    'Tags are mutable: whoever may push to the repository (or take over the registry, or sit between it and the node) can replace the image behind a tag, and the next pod start runs it. A digest names the content itself, so the node refuses anything else.',
  remediation:
    'Add the digest of the image you tested to the image field (image: registry.example.com/app:1.4.2@sha256:<64 hex digits>), and let a bot such as Renovate keep it current.',
  messages: {
    unpinned: 'Container {{container}} of {{workload}} runs image {{image}} by tag, not by digest.',
    malformedDigest: 'Container {{container}} of {{workload}} names image {{image}} with a malformed {{algorithm}} digest, which pins nothing (and the kubelet cannot pull it).',
  },
  check({ estate, report }) {
    // Ephemeral containers count: kubectl debug images run with the pod's identity and network too.
    forEachContainer(estate, (workload, container) => {
      if (!container.image) return;
      const digest = parseImageReference(container.image).digest;
      if (digest?.valid) return;
      report({
        messageId: digest ? 'malformedDigest' : 'unpinned',
        data: { container: container.name, workload: workloadLabel(workload), image: container.image, algorithm: digest?.algorithm || 'unnamed' },
        object: workload.object,
        container,
        path: [...container.path, 'image'],
      });
    });
  },
});
