import { defineRule } from '../define-rule.js';
import { forEachContainer, workloadLabel } from '../helpers.js';
import { asArray, asRecord, asString } from '../../model/json.js';
import type { FieldPath } from '../../model/object.js';
import { credentialShapeOf, isCredentialName, isLiteralCredentialValue } from '../credential-patterns.js';

export default defineRule({
  id: 'secret-in-env-literal',
  title: 'Credential written literally in an environment variable',
  boundary: 'namespace',
  stride: ['information-disclosure'],
  severity: 'high',
  references: {
    attack: ['T1552.001'],
    microsoft: ['Application credentials in configuration files'],
    cwe: ['CWE-798', 'CWE-312'],
    peers: ['kubescape:C-0012', 'kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'],
  },
  rationale:
    'A credential written as env[].value is part of the workload object: anyone who may read pods or their controllers in the namespace sees it (the built-in view role may, although it may not read Secrets), and so does every copy of the manifest in git, CI logs and backups. RBAC on Secrets no longer protects it.',
  remediation:
    'Move the value into a Secret and mount it as a file (or reference it with env[].valueFrom.secretKeyRef), then rotate the credential: it has already been exposed.',
  messages: {
    literal: 'Container {{container}} of {{workload}} holds a credential literally in its environment: {{variables}}.',
  },
  check({ estate, report }) {
    // Every container list counts, ephemeral included: the literal sits in the pod object whoever runs it.
    forEachContainer(estate, (workload, container) => {
      const offenders: Array<{ name: string; reason: string; path: FieldPath }> = [];
      asArray(container.spec.env).forEach((entry, index) => {
        const variable = asRecord(entry);
        const name = asString(variable?.name);
        const value = asString(variable?.value);
        if (!variable || name === undefined || value === undefined || variable.valueFrom !== undefined) return;
        const shape = credentialShapeOf(value);
        const reason = shape ?? (isCredentialName(name) && isLiteralCredentialValue(value) ? 'a credential name' : undefined);
        if (reason) offenders.push({ name, reason, path: [...container.path, 'env', index, 'value'] });
      });
      if (offenders.length === 0) return;
      report({
        messageId: 'literal',
        data: {
          container: container.name,
          workload: workloadLabel(workload),
          // Names and why they look like credentials; never the values.
          variables: offenders.map((offender) => `${offender.name} (${offender.reason})`).join(', '),
        },
        object: workload.object,
        container,
        path: offenders[0].path,
      });
    });
  },
});
