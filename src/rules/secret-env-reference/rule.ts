import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { asArray, asRecord, asString } from '../../model/json.js';
import type { FieldPath, K8sObject } from '../../model/object.js';

export default defineRule({
  id: 'secret-env-reference',
  title: 'Secret exposed through environment variables',
  boundary: 'pod',
  stride: ['information-disclosure'],
  severity: 'low',
  references: {
    attack: ['T1552.007'],
    microsoft: ['Application credentials in configuration files'],
    cis: ['5.4.1'],
    cwe: ['CWE-526'],
    peers: ['kubescape:C-0207', 'kube-linter:read-secret-from-env-var', 'checkov:CKV_K8S_35', 'kubesec:SecretsAsEnvironmentVariables'],
  },
  rationale:
    'A Secret in an environment variable is copied into every child process, readable in /proc/<pid>/environ by any process of the same user (and of every container when the pod shares its process namespace), and routinely ends up in crash reports, debug pages and logs that dump the environment. A Secret mounted as a file stays in one place with file permissions, and is updated in place when the Secret rotates.',
  remediation:
    'Mount the Secret as a volume (volumes[].secret with a volumeMounts[] entry, readOnly: true, defaultMode 0400) and let the application read the file, instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
  messages: {
    reference: 'Container {{container}} of {{workload}} takes Secret values into its environment: {{variables}}.',
  },
  check({ estate, report }) {
    const secrets = new Map((estate.byKind.get('Secret') ?? []).map((secret) => [`${secret.metadata.namespace}/${secret.metadata.name}`, secret]));
    // Ephemeral containers count too: a debugging container given a Secret in its environment exposes it the same way.
    forEachContainer(estate, (workload, container) => {
      const uses: Array<{ text: string; secret: string; path: FieldPath }> = [];
      asArray(container.spec.env).forEach((entry, index) => {
        const variable = asRecord(entry);
        const reference = asRecord(asRecord(variable?.valueFrom)?.secretKeyRef);
        const secret = asString(reference?.name);
        if (!reference || secret === undefined) return;
        const key = asString(reference.key) ?? '?';
        uses.push({ text: `${asString(variable?.name) ?? `env[${index}]`} from ${secret}/${key}`, secret, path: [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'] });
      });
      asArray(container.spec.envFrom).forEach((entry, index) => {
        const source = asRecord(entry);
        const secret = asString(asRecord(source?.secretRef)?.name);
        if (secret === undefined) return;
        const prefix = asString(source?.prefix);
        uses.push({ text: `every key of ${secret}${prefix ? ` (prefixed ${prefix})` : ''}`, secret, path: [...container.path, 'envFrom', index, 'secretRef'] });
      });
      if (uses.length === 0) return;
      const related = [...new Set(uses.map((use) => use.secret))]
        .map((name) => secrets.get(`${workload.namespace}/${name}`))
        .filter((secret): secret is K8sObject => secret !== undefined);
      report({
        messageId: 'reference',
        data: { container: container.name, workload: workloadLabel(workload), variables: uses.map((use) => use.text).join(', ') },
        object: workload.object,
        container,
        path: uses[0].path,
        related,
      });
    });
  },
});
