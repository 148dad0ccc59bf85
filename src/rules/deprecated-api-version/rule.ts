import { kubernetesMinorOf } from '../../model/kubernetes-version.js';
import { defineRule } from '../define-rule.js';
import { removedApiOf } from './removed-apis.js';

/**
 * The cluster's version (--kubernetes-version, or what a live cluster's API server reports) says whether it already
 * rejects the version (medium) or will at its next upgrades (low). Without it, every listed version counts as rejected:
 * all are removed in the oldest Kubernetes release still supported upstream (v1.32 at the time of writing).
 */
export default defineRule({
  id: 'deprecated-api-version',
  title: 'Manifest uses a removed Kubernetes API version',
  boundary: 'cluster',
  stride: ['tampering', 'denial-of-service'],
  severity: 'medium',
  persistence: true,
  references: {
    peers: ['kube-linter:no-extensions-v1beta', 'trivy:KSV-0107', 'kubeaudit:deprecatedapis', 'kube-score:stable-version', 'popeye:POP-403'],
    links: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'],
  },
  rationale:
    'An API version the cluster no longer serves means the manifest cannot be applied, so the estate is not what the repository says, and it means the manifests, charts and pipelines behind it have not kept up with the cluster: the regular updates that keep security fixes flowing have stopped somewhere. Clusters held back on old versions to keep such manifests working miss their own security fixes.',
  remediation: 'Change apiVersion to the stable version the message names (kubectl convert, or pluto, finds and rewrites them) and apply the fields that changed with it.',
  messages: {
    removed: '{{kind}} {{name}} uses {{apiVersion}}, which Kubernetes stopped serving in v1.{{removedIn}}: use {{replacement}}.',
    removedLater: '{{kind}} {{name}} uses {{apiVersion}}, which the cluster (v1.{{clusterMinor}}) still serves but Kubernetes v1.{{removedIn}} removes: use {{replacement}}.',
  },
  check({ estate, options, report }) {
    const clusterMinor = kubernetesMinorOf(options.kubernetesVersion);
    for (const object of estate.objects) {
      const removed = removedApiOf(object.apiVersion, object.kind);
      if (removed === undefined) continue;
      const stillServed = clusterMinor !== undefined && clusterMinor < removed.removedIn;
      const name = object.metadata.namespace === undefined ? object.metadata.name : `${object.metadata.namespace}/${object.metadata.name}`;
      report({
        messageId: stillServed ? 'removedLater' : 'removed',
        data: { kind: object.kind, name, apiVersion: object.apiVersion, removedIn: removed.removedIn, replacement: removed.replacement, clusterMinor: clusterMinor ?? '' },
        object,
        path: ['apiVersion'],
        severity: stillServed ? 'low' : 'medium',
      });
    }
  },
});
