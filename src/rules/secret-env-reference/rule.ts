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
      // Plain loops, and nothing made for a container that takes no Secret (most of 60,000 at 50,000 pods); the
      // finding points at the first use only, so only its path is built.
      let texts: string[] | undefined;
      let used: string[] | undefined;
      let path: FieldPath | undefined;
      const env = asArray(container.spec.env);
      for (let index = 0; index < env.length; index++) {
        const variable = asRecord(env[index]);
        const reference = asRecord(asRecord(variable?.valueFrom)?.secretKeyRef);
        const secret = asString(reference?.name);
        if (!reference || secret === undefined) continue;
        const key = asString(reference.key) ?? '?';
        (texts ??= []).push(`${asString(variable?.name) ?? `env[${index}]`} from ${secret}/${key}`);
        (used ??= []).push(secret);
        path ??= container.path.concat('env', index, 'valueFrom', 'secretKeyRef');
      }
      const envFrom = asArray(container.spec.envFrom);
      for (let index = 0; index < envFrom.length; index++) {
        const source = asRecord(envFrom[index]);
        const secret = asString(asRecord(source?.secretRef)?.name);
        if (secret === undefined) continue;
        const prefix = asString(source?.prefix);
        (texts ??= []).push(`every key of ${secret}${prefix ? ` (prefixed ${prefix})` : ''}`);
        (used ??= []).push(secret);
        path ??= container.path.concat('envFrom', index, 'secretRef');
      }
      if (texts === undefined || used === undefined || path === undefined) return;
      const related = [...new Set(used)]
        .map((name) => secrets.get(`${workload.namespace}/${name}`))
        .filter((secret): secret is K8sObject => secret !== undefined);
      report({
        messageId: 'reference',
        data: { container: container.name, workload: workloadLabel(workload), variables: texts.join(', ') },
        object: workload.object,
        container,
        path,
        related,
      });
    });
  },
});
