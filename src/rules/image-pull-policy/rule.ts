import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { asString } from '../../model/json.js';
import { defaultPullPolicy, isPinnedByDigest, isPullPolicy, parseImageReference } from '../../model/image-reference.js';

export default defineRule({
  id: 'image-pull-policy',
  title: 'Image by tag not pulled on every start',
  boundary: 'pod',
  stride: ['tampering'],
  severity: 'info',
  references: {
    attack: ['T1525'],
    microsoft: ['Compromised image in registry', 'Images from a private registry'],
    peers: ['kubescape:C-0075', 'kube-linter:image-pull-policy', 'polaris:pullPolicyNotAlways', 'checkov:CKV_K8S_15', 'kube-score:container-image-pull-policy'],
  },
  rationale:
    'With IfNotPresent or Never the kubelet starts whatever image the node already holds under that tag: a stale version on one node and a new one on the next, or an image planted in the node cache. It also lets a pod on a shared node run a private image it has no pull credentials for. Always makes the kubelet ask the registry, with the pod\'s credentials, which digest the tag names now (cached layers are reused, so it costs one request).',
  remediation:
    'Set imagePullPolicy: Always on the container, or pin the image by digest (image: app:1.4.2@sha256:<digest>), which makes the cached copy provably the right one.',
  messages: {
    explicit: 'Container {{container}} of {{workload}} runs image {{image}} by tag with imagePullPolicy {{policy}}.',
    defaulted: 'Container {{container}} of {{workload}} runs image {{image}} by tag and leaves imagePullPolicy unset, which defaults to IfNotPresent for a tag other than latest.',
  },
  check({ estate, report }) {
    // Ephemeral containers count: they pull like the others. A digest-pinned image is exempt, whatever the policy:
    // the node cannot hold different content under a digest.
    forEachContainer(estate, (workload, container) => {
      if (!container.image) return;
      const reference = parseImageReference(container.image);
      if (isPinnedByDigest(reference)) return;
      const written = asString(container.spec.imagePullPolicy);
      const policy = isPullPolicy(written) ? written : defaultPullPolicy(reference);
      if (policy === 'Always') return;
      report({
        messageId: isPullPolicy(written) ? 'explicit' : 'defaulted',
        data: { container: container.name, workload: workloadLabel(workload), image: container.image, policy },
        object: workload.object,
        container,
        path: [...container.path, 'imagePullPolicy'],
      });
    });
  },
});
