/**
 * The JSON Schema of `.kubethreat.yaml` (draft-07). The single source: the validator compiles it, docs/config.md
 * describes it and docs/config-schema.json is this object written out (a test keeps them equal), so editors with a
 * YAML language server can check the file as it is typed.
 */
import { SEVERITIES } from '../taxonomy/index.js';
import { KUBERNETES_VERSION_PATTERN } from '../model/kubernetes-version.js';
import { DNS_LABEL_MAX_LENGTH, DNS_LABEL_PATTERN } from '../model/names.js';

export const RULE_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
export const FINGERPRINT_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*@[0-9a-f]{16}$';
export const OBJECT_PATTERN = '^([^:/\\s]+:)?[A-Za-z][A-Za-z0-9]*/[^/\\s]+(/[^/\\s]+)?$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const PSS_VERSION_PATTERN = '^(latest|v1\\.(0|[1-9][0-9]*))$';

const nonBlank = { type: 'string', pattern: '\\S' } as const;
const dnsLabel = { type: 'string', pattern: DNS_LABEL_PATTERN, maxLength: DNS_LABEL_MAX_LENGTH } as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kubethreat.dev/schemas/config.json',
  title: 'kubethreat configuration (.kubethreat.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    failOn: { description: 'Default of --fail-on.', enum: [...SEVERITIES, 'none'] },
    minSeverity: { description: 'Default of --min-severity.', enum: [...SEVERITIES] },
    namespace: { description: 'Default of --namespace: where objects that name none live.', ...dnsLabel },
    pssVersion: { description: 'Default of --pss-version.', type: 'string', pattern: PSS_VERSION_PATTERN },
    kubernetesVersion: { description: "Default of --kubernetes-version: the cluster's version, which the default RBAC policy, API removals and Pod Security's latest follow.", type: 'string', pattern: KUBERNETES_VERSION_PATTERN },
    rules: {
      description: 'Per-rule settings, keyed by rule id.',
      type: 'object',
      propertyNames: { pattern: RULE_ID_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          severity: { description: "Replaces the rule's severity in reports and for --fail-on.", enum: [...SEVERITIES] },
          disabled: { description: 'true: the rule does not run.', type: 'boolean' },
        },
      },
    },
    accept: {
      description: 'Accepted risks: findings moved out of the findings, each with a reason and an expiry.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason', 'expires'],
        properties: {
          rule: { description: 'The rule id of the accepted findings.', type: 'string', pattern: RULE_ID_PATTERN },
          fingerprint: { description: 'Selector: one finding, by its fingerprint (rule@hash).', type: 'string', pattern: FINGERPRINT_PATTERN },
          object: { description: 'Selector: the findings on one object, Kind/namespace/name (Kind/name when cluster-scoped), in every cluster; CLUSTER:Kind/namespace/name in one.', type: 'string', pattern: OBJECT_PATTERN },
          container: { description: 'With object or namespace: only the findings on this container. Alone: the findings on this container of every object (a sidecar a webhook adds to every pod).', ...dnsLabel },
          namespace: { description: 'Selector: the findings on every object of this namespace, and on the Namespace itself.', ...dnsLabel },
          reason: { description: 'Why the risk is accepted.', ...nonBlank },
          expires: { description: 'YYYY-MM-DD: the last day (UTC) the acceptance applies.', type: 'string', pattern: DATE_PATTERN },
          owner: { description: 'Who accepted it, and answers for it.', ...nonBlank },
        },
        oneOf: [{ required: ['fingerprint'] }, { required: ['object'] }, { required: ['namespace'] }, { required: ['container'], not: { anyOf: [{ required: ['object'] }, { required: ['namespace'] }] } }],
      },
    },
  },
} as const;

/** What a pattern means, for messages: "must match ^[0-9]{4}…" helps nobody. */
export const PATTERN_MEANINGS: Record<string, string> = {
  [RULE_ID_PATTERN]: 'a rule id in kebab-case, as "kubethreat rules" lists them',
  [FINGERPRINT_PATTERN]: 'a fingerprint as the JSON report writes it: rule-id@ and 16 hex digits',
  [OBJECT_PATTERN]: 'Kind/namespace/name, or Kind/name for a cluster-scoped object (CLUSTER:Kind/namespace/name for one cluster)',
  [DATE_PATTERN]: 'a date written YYYY-MM-DD',
  [DNS_LABEL_PATTERN]: 'a Kubernetes name: lower-case letters, digits and inner dashes',
  [PSS_VERSION_PATTERN]: '"latest" or a version like v1.30',
  [KUBERNETES_VERSION_PATTERN]: 'a Kubernetes version like v1.31 or v1.31.2',
  '\\S': 'text, not blank',
};
