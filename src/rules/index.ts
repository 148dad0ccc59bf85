/**
 * The rule catalogue: a literal map, sorted by id. A catalogue test checks it against the folders under src/rules/.
 */
import type { Rule } from './define-rule.js';
import auditLoggingDisabled from './audit-logging-disabled/rule.js';
import containerRuntimeSocket from './container-runtime-socket/rule.js';
import environmentsShareCluster from './environments-share-cluster/rule.js';
import hostPathSensitive from './host-path-sensitive/rule.js';
import hostPathWritable from './host-path-writable/rule.js';
import kubeSystemWorkload from './kube-system-workload/rule.js';
import metricsMonitoringMissing from './metrics-monitoring-missing/rule.js';
import namespaceLimitRangeMissing from './namespace-limit-range-missing/rule.js';
import namespacePsaEnforceBelowAudit from './namespace-psa-enforce-below-audit/rule.js';
import namespacePsaMissing from './namespace-psa-missing/rule.js';
import namespacePsaPrivileged from './namespace-psa-privileged/rule.js';
import namespacePsaVersionPinned from './namespace-psa-version-pinned/rule.js';
import namespaceResourceQuotaMissing from './namespace-resource-quota-missing/rule.js';
import nodeLogShippingMissing from './node-log-shipping-missing/rule.js';
import pssEnforceViolation from './pss-enforce-violation/rule.js';
import readOnlyRootFilesystem from './read-only-root-filesystem/rule.js';
import runtimeDetectionMissing from './runtime-detection-missing/rule.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'audit-logging-disabled': auditLoggingDisabled,
  'container-runtime-socket': containerRuntimeSocket,
  'environments-share-cluster': environmentsShareCluster,
  'host-path-sensitive': hostPathSensitive,
  'host-path-writable': hostPathWritable,
  'kube-system-workload': kubeSystemWorkload,
  'metrics-monitoring-missing': metricsMonitoringMissing,
  'namespace-limit-range-missing': namespaceLimitRangeMissing,
  'namespace-psa-enforce-below-audit': namespacePsaEnforceBelowAudit,
  'namespace-psa-missing': namespacePsaMissing,
  'namespace-psa-privileged': namespacePsaPrivileged,
  'namespace-psa-version-pinned': namespacePsaVersionPinned,
  'namespace-resource-quota-missing': namespaceResourceQuotaMissing,
  'node-log-shipping-missing': nodeLogShippingMissing,
  'pss-enforce-violation': pssEnforceViolation,
  'read-only-root-filesystem': readOnlyRootFilesystem,
  'runtime-detection-missing': runtimeDetectionMissing,
};

export const RULE_LIST: readonly Rule[] = Object.values(RULES);

export function findRule(id: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? RULES[id] : undefined;
}
