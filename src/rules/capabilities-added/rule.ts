import { definePssControlRule, quotedValues } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'capabilities-added',
  title: 'Container adds capabilities other than NET_BIND_SERVICE',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'low',
  references: {
    attack: ['T1611'],
    cis: ['5.2.9'],
    peers: ['kube-linter:verify-container-capabilities', 'checkov:CKV_K8S_25', 'trivy:KSV-0022', 'kubeaudit:capabilities'],
  },
  rationale:
    'Every capability added back is kernel privilege an attacker inherits when the process is compromised. The restricted standard allows adding back only NET_BIND_SERVICE; even the capabilities a runtime grants by default (CHOWN, DAC_OVERRIDE, SETUID, …) let root in the container ignore file permissions or change identity.',
  remediation: 'Drop ALL capabilities and add back none, or only NET_BIND_SERVICE: securityContext.capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }.',
  messages: {
    added: 'Container {{container}} of {{workload}} adds {{capabilities}}; the restricted level allows adding back only NET_BIND_SERVICE.',
  },
  controls: ['capabilities_restricted'],
  // capabilities_restricted reports the `add` entries as forbidden and a missing drop of ALL as missing.
  select: (violation) => violation.reason === 'forbidden',
  findingPer: 'owner',
  describe: ({ violations }) => ({ messageId: 'added', data: { capabilities: quotedValues(violations) } }),
});
