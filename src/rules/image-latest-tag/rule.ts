import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { parseImageReference, usesLatestTag } from '../../model/image-reference.js';

export default defineRule({
  id: 'image-latest-tag',
  title: 'Image uses the latest tag',
  boundary: 'pod',
  stride: ['tampering'],
  severity: 'low',
  references: {
    attack: ['T1525', 'T1195.002'],
    microsoft: ['Compromised image in registry'],
    peers: [
      'kubescape:C-0075',
      'kube-linter:latest-tag',
      'polaris:tagNotSpecified',
      'checkov:CKV_K8S_14',
      'trivy:KSV-0013',
      'kubeaudit:image',
      'kube-score:container-image-tag',
      'popeye:POP-100',
      'popeye:POP-101',
    ],
  },
  rationale:
    'latest (and no tag at all, which means latest) names whatever was pushed last: whoever may push to the repository decides what the next pod start runs, nodes may run different images under the same name, and nobody can tell afterwards which code ran or roll back to it.',
  remediation:
    'Name an immutable version in the image field, best a digest (image: registry.example.com/app:1.4.2@sha256:<digest>), or at least a version tag the registry keeps immutable.',
  messages: {
    latest: 'Container {{container}} of {{workload}} runs image {{image}}, tagged latest.',
    untagged: 'Container {{container}} of {{workload}} runs image {{image}}, which names no tag and so means latest.',
  },
  check({ estate, report }) {
    // Ephemeral containers count: they run an image like the others. A digest wins over the tag
    // (app:latest@sha256:… is pinned), because the runtime pulls the digest.
    forEachContainer(estate, (workload, container) => {
      if (!container.image) return;
      const reference = parseImageReference(container.image);
      if (!usesLatestTag(reference)) return;
      report({
        messageId: reference.tag === 'latest' ? 'latest' : 'untagged',
        data: { container: container.name, workload: workloadLabel(workload), image: container.image },
        object: workload.object,
        container,
        path: [...container.path, 'image'],
      });
    });
  },
});
