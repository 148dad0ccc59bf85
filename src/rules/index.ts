/**
 * The rule catalogue: a literal map, sorted by id. A catalogue test checks it against the folders under src/rules/.
 */
import type { Rule } from './define-rule.js';
import apiServerInsecureFlags from './api-server-insecure-flags/rule.js';
import apparmorUnconfined from './apparmor-unconfined/rule.js';
import auditLoggingDisabled from './audit-logging-disabled/rule.js';
import capabilitiesAdded from './capabilities-added/rule.js';
import capabilitiesDangerous from './capabilities-dangerous/rule.js';
import capabilitiesNotDropped from './capabilities-not-dropped/rule.js';
import capabilityNetRaw from './capability-net-raw/rule.js';
import containerRuntimeSocket from './container-runtime-socket/rule.js';
import controlPlaneScheduling from './control-plane-scheduling/rule.js';
import debugContainerAttached from './debug-container-attached/rule.js';
import defaultNamespace from './default-namespace/rule.js';
import defaultServiceAccount from './default-service-account/rule.js';
import deprecatedApiVersion from './deprecated-api-version/rule.js';
import environmentsReachable from './environments-reachable/rule.js';
import environmentsShareCluster from './environments-share-cluster/rule.js';
import hostAliases from './host-aliases/rule.js';
import hostIpc from './host-ipc/rule.js';
import hostNetwork from './host-network/rule.js';
import hostNetworkBypass from './host-network-bypass/rule.js';
import hostPathSensitive from './host-path-sensitive/rule.js';
import hostPathVolume from './host-path-volume/rule.js';
import hostPathWritable from './host-path-writable/rule.js';
import hostPid from './host-pid/rule.js';
import hostPort from './host-port/rule.js';
import hostProbeOrLifecycle from './host-probe-or-lifecycle/rule.js';
import imageDigestMissing from './image-digest-missing/rule.js';
import imageEndOfLife from './image-end-of-life/rule.js';
import imageLatestTag from './image-latest-tag/rule.js';
import imagePullPolicy from './image-pull-policy/rule.js';
import ingressTlsMissing from './ingress-tls-missing/rule.js';
import kubeSystemWorkload from './kube-system-workload/rule.js';
import kubernetesVersionEndOfLife from './kubernetes-version-end-of-life/rule.js';
import legacyServiceAccountToken from './legacy-service-account-token/rule.js';
import linuxHardeningMissing from './linux-hardening-missing/rule.js';
import metadataEndpointReachable from './metadata-endpoint-reachable/rule.js';
import metricsMonitoringMissing from './metrics-monitoring-missing/rule.js';
import namespaceDefaultDenyMissing from './namespace-default-deny-missing/rule.js';
import namespaceLimitRangeMissing from './namespace-limit-range-missing/rule.js';
import namespacePsaEnforceBelowAudit from './namespace-psa-enforce-below-audit/rule.js';
import namespacePsaMissing from './namespace-psa-missing/rule.js';
import namespacePsaPrivileged from './namespace-psa-privileged/rule.js';
import namespacePsaVersionPinned from './namespace-psa-version-pinned/rule.js';
import namespaceResourceQuotaMissing from './namespace-resource-quota-missing/rule.js';
import networkPeerMatchesNothing from './network-peer-matches-nothing/rule.js';
import networkPolicyAllowAll from './network-policy-allow-all/rule.js';
import networkPolicyMissing from './network-policy-missing/rule.js';
import networkPolicySelectsNothing from './network-policy-selects-nothing/rule.js';
import nodeLogShippingMissing from './node-log-shipping-missing/rule.js';
import privilegeEscalationAllowed from './privilege-escalation-allowed/rule.js';
import privilegedContainer from './privileged-container/rule.js';
import privilegedPort from './privileged-port/rule.js';
import probesMissing from './probes-missing/rule.js';
import procMountUnmasked from './proc-mount-unmasked/rule.js';
import pssEnforceViolation from './pss-enforce-violation/rule.js';
import rbacAnonymousBinding from './rbac-anonymous-binding/rule.js';
import rbacBindEscalate from './rbac-bind-escalate/rule.js';
import rbacBroadGroupBinding from './rbac-broad-group-binding/rule.js';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding/rule.js';
import rbacClusterBindingNamespacedTeam from './rbac-cluster-binding-namespaced-team/rule.js';
import rbacCrossNamespaceBinding from './rbac-cross-namespace-binding/rule.js';
import rbacCsrApprove from './rbac-csr-approve/rule.js';
import rbacImpersonate from './rbac-impersonate/rule.js';
import rbacNamespaceModify from './rbac-namespace-modify/rule.js';
import rbacNodesProxy from './rbac-nodes-proxy/rule.js';
import rbacPodCreate from './rbac-pod-create/rule.js';
import rbacPodEphemeralContainers from './rbac-pod-ephemeral-containers/rule.js';
import rbacPodExec from './rbac-pod-exec/rule.js';
import rbacPodPortforward from './rbac-pod-portforward/rule.js';
import rbacRoleModify from './rbac-role-modify/rule.js';
import rbacSecretsRead from './rbac-secrets-read/rule.js';
import rbacSystemMastersBinding from './rbac-system-masters-binding/rule.js';
import rbacTokenCreate from './rbac-token-create/rule.js';
import rbacWebhookConfig from './rbac-webhook-config/rule.js';
import rbacWildcard from './rbac-wildcard/rule.js';
import reachableFromAllNamespaces from './reachable-from-all-namespaces/rule.js';
import readOnlyRootFilesystem from './read-only-root-filesystem/rule.js';
import resourcesLimitsMissing from './resources-limits-missing/rule.js';
import resourcesRequestsMissing from './resources-requests-missing/rule.js';
import runAsRoot from './run-as-root/rule.js';
import runtimeDetectionMissing from './runtime-detection-missing/rule.js';
import seccompProfileMissing from './seccomp-profile-missing/rule.js';
import seccompUnconfined from './seccomp-unconfined/rule.js';
import secretAccessTooBroad from './secret-access-too-broad/rule.js';
import secretDataInManifest from './secret-data-in-manifest/rule.js';
import secretEnvReference from './secret-env-reference/rule.js';
import secretInConfigmap from './secret-in-configmap/rule.js';
import secretInEnvLiteral from './secret-in-env-literal/rule.js';
import secretsEncryptionAtRestMissing from './secrets-encryption-at-rest-missing/rule.js';
import securityContextMissing from './security-context-missing/rule.js';
import selinuxCustomOptions from './selinux-custom-options/rule.js';
import serviceAccountTokenAutomount from './service-account-token-automount/rule.js';
import serviceAccountTokenWithRbac from './service-account-token-with-rbac/rule.js';
import serviceExposed from './service-exposed/rule.js';
import shareProcessNamespace from './share-process-namespace/rule.js';
import sshPort from './ssh-port/rule.js';
import sysctlsUnsafe from './sysctls-unsafe/rule.js';
import systemNamespaceReachable from './system-namespace-reachable/rule.js';
import volumeTypeRestricted from './volume-type-restricted/rule.js';
import windowsHostProcess from './windows-host-process/rule.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'api-server-insecure-flags': apiServerInsecureFlags,
  'apparmor-unconfined': apparmorUnconfined,
  'audit-logging-disabled': auditLoggingDisabled,
  'capabilities-added': capabilitiesAdded,
  'capabilities-dangerous': capabilitiesDangerous,
  'capabilities-not-dropped': capabilitiesNotDropped,
  'capability-net-raw': capabilityNetRaw,
  'container-runtime-socket': containerRuntimeSocket,
  'control-plane-scheduling': controlPlaneScheduling,
  'debug-container-attached': debugContainerAttached,
  'default-namespace': defaultNamespace,
  'default-service-account': defaultServiceAccount,
  'deprecated-api-version': deprecatedApiVersion,
  'environments-reachable': environmentsReachable,
  'environments-share-cluster': environmentsShareCluster,
  'host-aliases': hostAliases,
  'host-ipc': hostIpc,
  'host-network': hostNetwork,
  'host-network-bypass': hostNetworkBypass,
  'host-path-sensitive': hostPathSensitive,
  'host-path-volume': hostPathVolume,
  'host-path-writable': hostPathWritable,
  'host-pid': hostPid,
  'host-port': hostPort,
  'host-probe-or-lifecycle': hostProbeOrLifecycle,
  'image-digest-missing': imageDigestMissing,
  'image-end-of-life': imageEndOfLife,
  'image-latest-tag': imageLatestTag,
  'image-pull-policy': imagePullPolicy,
  'ingress-tls-missing': ingressTlsMissing,
  'kube-system-workload': kubeSystemWorkload,
  'kubernetes-version-end-of-life': kubernetesVersionEndOfLife,
  'legacy-service-account-token': legacyServiceAccountToken,
  'linux-hardening-missing': linuxHardeningMissing,
  'metadata-endpoint-reachable': metadataEndpointReachable,
  'metrics-monitoring-missing': metricsMonitoringMissing,
  'namespace-default-deny-missing': namespaceDefaultDenyMissing,
  'namespace-limit-range-missing': namespaceLimitRangeMissing,
  'namespace-psa-enforce-below-audit': namespacePsaEnforceBelowAudit,
  'namespace-psa-missing': namespacePsaMissing,
  'namespace-psa-privileged': namespacePsaPrivileged,
  'namespace-psa-version-pinned': namespacePsaVersionPinned,
  'namespace-resource-quota-missing': namespaceResourceQuotaMissing,
  'network-peer-matches-nothing': networkPeerMatchesNothing,
  'network-policy-allow-all': networkPolicyAllowAll,
  'network-policy-missing': networkPolicyMissing,
  'network-policy-selects-nothing': networkPolicySelectsNothing,
  'node-log-shipping-missing': nodeLogShippingMissing,
  'privilege-escalation-allowed': privilegeEscalationAllowed,
  'privileged-container': privilegedContainer,
  'privileged-port': privilegedPort,
  'probes-missing': probesMissing,
  'proc-mount-unmasked': procMountUnmasked,
  'pss-enforce-violation': pssEnforceViolation,
  'rbac-anonymous-binding': rbacAnonymousBinding,
  'rbac-bind-escalate': rbacBindEscalate,
  'rbac-broad-group-binding': rbacBroadGroupBinding,
  'rbac-cluster-admin-binding': rbacClusterAdminBinding,
  'rbac-cluster-binding-namespaced-team': rbacClusterBindingNamespacedTeam,
  'rbac-cross-namespace-binding': rbacCrossNamespaceBinding,
  'rbac-csr-approve': rbacCsrApprove,
  'rbac-impersonate': rbacImpersonate,
  'rbac-namespace-modify': rbacNamespaceModify,
  'rbac-nodes-proxy': rbacNodesProxy,
  'rbac-pod-create': rbacPodCreate,
  'rbac-pod-ephemeral-containers': rbacPodEphemeralContainers,
  'rbac-pod-exec': rbacPodExec,
  'rbac-pod-portforward': rbacPodPortforward,
  'rbac-role-modify': rbacRoleModify,
  'rbac-secrets-read': rbacSecretsRead,
  'rbac-system-masters-binding': rbacSystemMastersBinding,
  'rbac-token-create': rbacTokenCreate,
  'rbac-webhook-config': rbacWebhookConfig,
  'rbac-wildcard': rbacWildcard,
  'reachable-from-all-namespaces': reachableFromAllNamespaces,
  'read-only-root-filesystem': readOnlyRootFilesystem,
  'resources-limits-missing': resourcesLimitsMissing,
  'resources-requests-missing': resourcesRequestsMissing,
  'run-as-root': runAsRoot,
  'runtime-detection-missing': runtimeDetectionMissing,
  'seccomp-profile-missing': seccompProfileMissing,
  'seccomp-unconfined': seccompUnconfined,
  'secret-access-too-broad': secretAccessTooBroad,
  'secret-data-in-manifest': secretDataInManifest,
  'secret-env-reference': secretEnvReference,
  'secret-in-configmap': secretInConfigmap,
  'secret-in-env-literal': secretInEnvLiteral,
  'secrets-encryption-at-rest-missing': secretsEncryptionAtRestMissing,
  'security-context-missing': securityContextMissing,
  'selinux-custom-options': selinuxCustomOptions,
  'service-account-token-automount': serviceAccountTokenAutomount,
  'service-account-token-with-rbac': serviceAccountTokenWithRbac,
  'service-exposed': serviceExposed,
  'share-process-namespace': shareProcessNamespace,
  'ssh-port': sshPort,
  'sysctls-unsafe': sysctlsUnsafe,
  'system-namespace-reachable': systemNamespaceReachable,
  'volume-type-restricted': volumeTypeRestricted,
  'windows-host-process': windowsHostProcess,
};

export const RULE_LIST: readonly Rule[] = Object.values(RULES);

export function findRule(id: string): Rule | undefined {
  return Object.prototype.hasOwnProperty.call(RULES, id) ? RULES[id] : undefined;
}
