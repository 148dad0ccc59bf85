/**
 * The fixes of service-account-token-automount: automountServiceAccountToken: false, but only for a service account
 * that nothing in the input grants anything to by name. An application whose account holds grants of its own
 * probably calls the API server; taking its token would break it, so the fix there has no edit, only the reason.
 */
import type { Estate } from '../model/estate.js';
import type { K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { rbacOfObject } from '../rbac/estate-rbac.js';
import type { FixProposal } from './types.js';

/**
 * Whether a binding in the input names the service account itself (a binding to a group such as
 * system:serviceaccounts says nothing about what this one application needs). A binding whose role is missing
 * counts: its grants are unknown.
 */
export function serviceAccountHasOwnGrants(estate: Estate, object: K8sObject, namespace: string, name: string, kubernetesVersion?: string): boolean {
  const rbac = rbacOfObject(estate, object, kubernetesVersion);
  return namedServiceAccounts(rbac.index).has(`${namespace}/${name}`);
}

/** `namespace/name` of every service account a binding names, once per RBAC index (one lookup per workload after). */
const namedCache = new WeakMap<object, ReadonlySet<string>>();
function namedServiceAccounts(index: { bindings(): ReadonlyArray<{ subjects: ReadonlyArray<{ kind: string; namespace?: string; name: string }> }> }): ReadonlySet<string> {
  let named = namedCache.get(index);
  if (!named) {
    const set = new Set<string>();
    for (const binding of index.bindings()) for (const subject of binding.subjects) if (subject.kind === 'ServiceAccount') set.add(`${subject.namespace}/${subject.name}`);
    named = set;
    namedCache.set(index, named);
  }
  return named;
}

const NOTE =
  'no RoleBinding or ClusterRoleBinding in the input names its service account; if the application calls the Kubernetes API, or the cluster grants the account permissions the input does not show, keep the token';

/** No edit: the account holds grants of its own, so the application probably uses its token. */
const HAS_GRANTS: FixProposal = {
  edits: [],
  notes: ['a binding in the input grants its service account permissions, so the application probably calls the API server: take the token away only if it does not (or mount a projected token into the one container that needs it)'],
};

/** For a workload whose pods get a token: the pod's own field, which wins over the ServiceAccount's. */
export function podAutomountFix(estate: Estate, workload: Workload, explicitTrue: boolean, kubernetesVersion?: string): FixProposal {
  if (serviceAccountHasOwnGrants(estate, workload.object, workload.namespace, workload.serviceAccountName, kubernetesVersion)) return HAS_GRANTS;
  return {
    edits: [{ op: 'set', path: [...workload.specPath, 'automountServiceAccountToken'], value: false }],
    suggestion: explicitTrue,
    notes: [NOTE],
  };
}

/** For a namespace's default ServiceAccount: opting out there covers pods yet to be written. */
export function serviceAccountAutomountFix(estate: Estate, account: K8sObject, kubernetesVersion?: string): FixProposal {
  const namespace = account.metadata.namespace ?? estate.defaultNamespace;
  if (serviceAccountHasOwnGrants(estate, account, namespace, account.metadata.name, kubernetesVersion)) return HAS_GRANTS;
  return { edits: [{ op: 'set', path: ['automountServiceAccountToken'], value: false }], notes: [NOTE] };
}
