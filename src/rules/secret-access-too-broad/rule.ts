import { objectsOfKind } from '../../model/estate.js';
import type { ObjectRef } from '../../model/object.js';
import { rbacOfEstate } from '../../rbac/estate-rbac.js';
import { formatSubject, serviceAccount } from '../../rbac/subject.js';
import type { RbacObjectRef, Subject } from '../../rbac/types.js';
import type { Workload } from '../../model/workload.js';
import type { Severity } from '../../taxonomy/index.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloadsIn, listNames, workloadLabel } from '../helpers.js';
import { isBroadSubject, plainRef } from '../rbac-findings.js';
import { SecretAccess, SubjectKeys, type Access } from './secret-access.js';
import { secretsUsedBy } from './secret-uses.js';

/**
 * "Secrets only for the pods that need them", measured: for each Secret, who can read it (RBAC get/list/watch, or
 * creating a pod in its namespace that mounts it) against the service accounts of the workloads that use it.
 * Subjects a binding names are compared as named: a group that includes a using service account is still wider.
 */
export default defineRule({
  id: 'secret-access-too-broad',
  title: 'Secret readable by more subjects than the workloads that use it',
  boundary: 'namespace',
  stride: ['information-disclosure'],
  severity: 'medium',
  persistence: true,
  references: {
    attack: ['T1552.007', 'T1528'],
    microsoft: ['List Kubernetes secrets'],
    cis: ['5.1.2', '5.4.1'],
    peers: ['kubescape:C-0255'],
  },
  rationale:
    'A Secret is as safe as the widest identity that can read it. Every subject that may get, list or watch it, or create a pod in its namespace (a pod may mount any Secret of its namespace), is a way to steal it that has nothing to do with the workload that needs it: a developer\'s laptop, a CI token, another application\'s service account.',
  remediation:
    'Give RBAC read access to Secrets only to the service accounts that read them through the API, with resourceNames; let workloads mount the Secrets they use instead of reading them; move Secrets that different teams must not share into namespaces of their own, where fewer subjects can create pods.',
  messages: {
    used: 'Secret {{secret}} is used by {{users}}, yet {{readers}} can read it too.',
    unused: 'Secret {{secret}} is used by no workload in the input, yet {{readers}} can read it.',
  },
  check({ estate, options, report }) {
    // Per namespace, once: which of its workloads use each Secret (a workload is read once, not once per Secret).
    const usersByNamespace = new Map<string, Map<string, Workload[]>>();
    const usersOf = (namespace: string, name: string): readonly Workload[] => {
      let byName = usersByNamespace.get(namespace);
      if (byName === undefined) {
        byName = new Map();
        for (const workload of analysedWorkloadsIn(estate, namespace))
          for (const used of secretsUsedBy(estate, workload)) {
            const users = byName.get(used);
            if (users === undefined) byName.set(used, [workload]);
            else users.push(workload);
          }
        usersByNamespace.set(namespace, byName);
      }
      return byName.get(name) ?? NO_USERS;
    };
    const keys = new SubjectKeys();
    // What a finding says of a namespace's accesses when no user account is among them (a namespace's Secrets share
    // their accesses where their names cannot matter).
    const said = new Map<readonly Access[], { readers: string; related: ObjectRef[]; severity: Severity }>();
    const sayOf = (accesses: readonly Access[]): { readers: string; related: ObjectRef[]; severity: Severity } => ({
      readers: accessLabels(accesses, 5),
      related: firstBindings(accesses, 5),
      // Another workload's identity, or a whole group of them, is an automated path; people are a reviewed one.
      severity: accesses.some((access) => isWorkloadIdentity(access.subject)) ? 'medium' : 'low',
    });
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      const readable = new SecretAccess(rbac, keys);
      for (const secret of objectsOfKind(estate, 'Secret')) {
        if (secret.source.cluster !== rbac.cluster) continue; // each cluster's RBAC guards its own Secrets
        const namespace = secret.metadata.namespace ?? estate.defaultNamespace;
        const users = usersOf(namespace, secret.metadata.name);
        const all = readable.accessesOf(secret, namespace);
        // Each subject other than the users' accounts: how it gets at the Secret, and its grants in that order.
        const userAccounts = new Set(users.map((workload) => formatSubject(serviceAccount(workload.namespace, workload.serviceAccountName))));
        const accesses = all.some((access) => userAccounts.has(access.key)) ? all.filter((access) => !userAccounts.has(access.key)) : all;
        if (accesses.length === 0) continue;
        let says = accesses === all ? said.get(all) : undefined;
        if (says === undefined) {
          says = sayOf(accesses);
          if (accesses === all) said.set(all, says);
        }
        report({
          messageId: users.length > 0 ? 'used' : 'unused',
          data: {
            secret: `${namespace}/${secret.metadata.name}`,
            users: listNames(users.map(workloadLabel).sort(), 3), // sorted: the same estate read in another order says the same
            readers: says.readers,
          },
          object: secret,
          path: ['metadata', 'name'],
          related: says.related,
          severity: says.severity,
        });
      }
    }
  },
});

/** listNames of the accesses' labels, made for the ones it names only. */
function accessLabels(accesses: readonly Access[], max: number): string {
  const label = (access: Access): string => `${access.key} (${access.how.join(', ')})`;
  if (accesses.length <= max) return listNames(accesses.map(label), max);
  return `${listNames(accesses.slice(0, max).map(label), max)} and ${accesses.length - max} more`;
}

const NO_USERS: readonly Workload[] = [];

/** The first `count` bindings behind the accesses' grants, in order, each once. */
function firstBindings(accesses: readonly Access[], count: number): ObjectRef[] {
  const seen = new Set<RbacObjectRef>();
  const refs: ObjectRef[] = [];
  for (const access of accesses)
    for (const grant of access.grants) {
      if (seen.has(grant.via.binding)) continue;
      seen.add(grant.via.binding);
      refs.push(plainRef(grant.via.binding));
      if (refs.length === count) return refs;
    }
  return refs;
}

function isWorkloadIdentity(subject: Subject): boolean {
  return isBroadSubject(subject) || subject.kind === 'ServiceAccount' || (subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts:'));
}

