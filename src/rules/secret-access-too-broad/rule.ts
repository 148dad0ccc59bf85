import { objectsOfKind } from '../../model/estate.js';
import type { K8sObject, ObjectRef } from '../../model/object.js';
import { rbacOfEstate, type ClusterRbac } from '../../rbac/estate-rbac.js';
import { compareSubjects, formatSubject, serviceAccount } from '../../rbac/subject.js';
import type { Grant, RbacObjectRef, RbacRequest, Subject } from '../../rbac/types.js';
import type { Workload } from '../../model/workload.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloadsIn, listNames, workloadLabel } from '../helpers.js';
import { isBroadSubject, plainRef } from '../rbac-findings.js';
import { secretsUsedBy } from './secret-uses.js';

/** Creating any of these in a namespace runs a pod there, and a pod may mount any Secret of its namespace. */
const POD_MAKERS: ReadonlyArray<[string, string]> = [
  ['', 'pods'],
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];

/** The subjects bindings name, from grants that are not the platform's own (bootstrap policy, system components). */
type SubjectGrants = Map<string, { subject: Subject; grants: Grant[] }>;

/**
 * The named subjects of the grants allowing any of the requests, in the order grantsAllowing gives them. The grants
 * are visited, not collected: every namespace's answer starts with the same ClusterRoleBindings (3,000 namespaces
 * × 10 questions copied them into arrays, most of them the platform's, then skipped).
 */
function namedSubjects(rbac: ClusterRbac, requests: readonly RbacRequest[]): SubjectGrants {
  const subjects = new Map<string, { subject: Subject; grants: Grant[] }>();
  const visit = (grant: Grant): void => {
    if (rbac.isPlatform(grant.via.binding)) return;
    const key = formatSubject(grant.subject);
    const entry = subjects.get(key);
    if (entry === undefined) subjects.set(key, { subject: grant.subject, grants: [grant] });
    else entry.grants.push(grant);
  };
  for (const request of requests) rbac.index.forEachGrantAllowing(request, visit);
  return subjects;
}

function podMakersIn(rbac: ClusterRbac, namespace: string): SubjectGrants {
  return namedSubjects(rbac, POD_MAKERS.map(([group, resource]) => ({ verb: 'create', group, resource, namespace })));
}

/** Who may get a Secret by its name (get may be limited to names; list and watch, which cannot, are asked per namespace). */
function readersOf(rbac: ClusterRbac, secret: K8sObject, namespace: string): SubjectGrants {
  return namedSubjects(rbac, [{ verb: 'get', group: '', resource: 'secrets', namespace, name: secret.metadata.name }]);
}

function listersIn(rbac: ClusterRbac, namespace: string): SubjectGrants {
  return namedSubjects(rbac, ['list', 'watch'].map((verb) => ({ verb, group: '', resource: 'secrets', namespace })));
}

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
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      const podMakers = new Map<string, SubjectGrants>();
      const listers = new Map<string, SubjectGrants>();
      for (const secret of objectsOfKind(estate, 'Secret')) {
        if (secret.source.cluster !== rbac.cluster) continue; // each cluster's RBAC guards its own Secrets
        const namespace = secret.metadata.namespace ?? estate.defaultNamespace;
        const users = usersOf(namespace, secret.metadata.name);
        const userAccounts = new Set(users.map((workload) => formatSubject(serviceAccount(workload.namespace, workload.serviceAccountName))));
        const makers = podMakers.get(namespace) ?? podMakersIn(rbac, namespace);
        podMakers.set(namespace, makers);
        const namespaceListers = listers.get(namespace) ?? listersIn(rbac, namespace);
        listers.set(namespace, namespaceListers);
        // Each subject other than the users' accounts: how it gets at the Secret, and its grants in that order.
        const extra = new Map<string, Access>();
        const grantAccess = (entries: SubjectGrants, how: string): void => {
          entries.forEach(({ subject, grants }, key) => {
            if (userAccounts.has(key)) return;
            let access = extra.get(key);
            if (access === undefined) extra.set(key, (access = { subject, how: [], grants: [] }));
            if (access.how[access.how.length - 1] !== how) access.how.push(how);
            for (const grant of grants) access.grants.push(grant);
          });
        };
        grantAccess(readersOf(rbac, secret, namespace), 'reads it');
        grantAccess(namespaceListers, 'reads it');
        grantAccess(makers, 'may mount it in a pod');
        if (extra.size === 0) continue;
        const accesses = [...extra.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
        report({
          messageId: users.length > 0 ? 'used' : 'unused',
          data: {
            secret: `${namespace}/${secret.metadata.name}`,
            users: listNames(users.map(workloadLabel).sort(), 3), // sorted: the same estate read in another order says the same
            readers: listNames(accesses.map((access) => `${formatSubject(access.subject)} (${access.how.join(', ')})`), 5),
          },
          object: secret,
          path: ['metadata', 'name'],
          related: firstBindings(accesses, 5),
          // Another workload's identity, or a whole group of them, is an automated path; people are a reviewed one.
          severity: accesses.some((access) => isWorkloadIdentity(access.subject)) ? 'medium' : 'low',
        });
      }
    }
  },
});

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

interface Access {
  subject: Subject;
  how: string[];
  grants: Grant[];
}

function isWorkloadIdentity(subject: Subject): boolean {
  return isBroadSubject(subject) || subject.kind === 'ServiceAccount' || (subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts:'));
}

