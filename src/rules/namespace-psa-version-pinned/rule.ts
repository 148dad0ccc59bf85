import { controlsFor, pssVersionOnCluster } from '../../admission/pss/index.js';
import { namespacePsa } from '../../admission/psa-labels.js';
import { defineRule } from '../define-rule.js';
import { userNamespaces } from '../helpers.js';

export default defineRule({
  id: 'namespace-psa-version-pinned',
  title: 'Namespace pins Pod Security Admission to a version that misses controls',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: 'low',
  references: {
    pss: 'pod-security-admission',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces'],
  },
  rationale:
    'pod-security.kubernetes.io/enforce-version pins the checks to those of an older release. Controls added since (for example the probe and lifecycle host check of v1.34, or the restricted /proc mount check of v1.35) are not enforced, although the level name suggests they are.',
  remediation: 'Raise pod-security.kubernetes.io/enforce-version to the cluster\'s version (or latest) once the workloads pass the newer checks.',
  messages: {
    pinned: 'Namespace {{namespace}} pins enforce={{level}} to {{version}}, which does not enforce: {{controls}}.',
  },
  check({ estate, options, report }) {
    // What the cluster itself enforces at `latest`: a control newer than its release is missing at any pin.
    const latest = pssVersionOnCluster('latest', options.kubernetesVersion);
    for (const namespace of userNamespaces(estate)) {
      const enforce = namespacePsa(namespace.metadata.labels).modes.enforce;
      if (!enforce || !enforce.pinned || enforce.level === 'privileged') continue;
      const pinned = new Set(controlsFor(enforce.level, enforce.version).map((control) => control.id));
      const missing = controlsFor(enforce.level, latest).filter((control) => !pinned.has(control.id));
      if (missing.length === 0) continue;
      report({
        messageId: 'pinned',
        data: { namespace: namespace.metadata.name, level: enforce.level, version: enforce.version, controls: missing.map((control) => `${control.title} (${control.minVersion})`).join(', ') },
        object: namespace,
        path: ['metadata', 'labels', enforce.versionLabel],
      });
    }
  },
});
