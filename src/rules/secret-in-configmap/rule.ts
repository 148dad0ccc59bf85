import { defineRule } from '../define-rule.js';
import { asRecord } from '../../model/json.js';
import { objectsOfKind } from '../../model/estate.js';
import { credentialAssignments, credentialShapeOf, isCredentialName, isLiteralCredentialValue } from '../credential-patterns.js';

export default defineRule({
  id: 'secret-in-configmap',
  title: 'Credential stored in a ConfigMap',
  boundary: 'namespace',
  stride: ['information-disclosure'],
  severity: 'high',
  references: {
    attack: ['T1552.001'],
    microsoft: ['Application credentials in configuration files'],
    cwe: ['CWE-312', 'CWE-798'],
    peers: ['kubescape:C-0012', 'kube-linter:configmap-with-credentials', 'polaris:sensitiveConfigmapContent', 'trivy:KSV-0109', 'trivy:KSV-01010'],
  },
  rationale:
    'ConfigMaps are not secret: the built-in view role, many operators and every pod that mounts the ConfigMap may read them, kubectl describe prints them, and they are never encrypted at rest. A credential kept there is readable by far more identities than the same value in a Secret.',
  remediation:
    'Move the credential into a Secret (and reference it from the pod as a mounted file), remove it from the ConfigMap data, and rotate it: it has already been exposed.',
  messages: {
    credential: 'ConfigMap {{configMap}} holds credentials in {{keys}}.',
  },
  check({ estate, report }) {
    for (const configMap of objectsOfKind(estate, 'ConfigMap')) {
      const data = asRecord(configMap.raw.data);
      if (!data) continue;
      const findings: Array<{ key: string; reason: string }> = [];
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') continue;
        const reason = credentialReason(key, value);
        if (reason) findings.push({ key, reason });
      }
      if (findings.length === 0) continue;
      report({
        messageId: 'credential',
        data: {
          configMap: `${configMap.metadata.namespace}/${configMap.metadata.name}`,
          // Keys, line numbers and why: never the values.
          keys: findings.map((finding) => `${finding.key} (${finding.reason})`).join(', '),
        },
        object: configMap,
        path: ['data', findings[0].key],
      });
    }
  },
});

function credentialReason(key: string, value: string): string | undefined {
  // The most precise reason first: which lines of a config file assign credentials.
  const assignments = credentialAssignments(value);
  if (assignments.length > 0) return assignments.map((assignment) => `${assignment.key} on line ${assignment.line}`).join(', ');
  const shape = credentialShapeOf(value);
  if (shape) return shape;
  return isCredentialName(key) && isLiteralCredentialValue(value) ? 'a credential name' : undefined;
}
