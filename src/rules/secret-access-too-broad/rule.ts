import { objectsOfKind } from '../../model/estate.js';
import type { K8sObject } from '../../model/object.js';
import { rbacOfEstate, type ClusterRbac } from '../../rbac/estate-rbac.js';
import { compareSubjects, formatSubject, serviceAccount } from '../../rbac/subject.js';
import type { Grant, Subject } from '../../rbac/types.js';
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

function namedSubjects(rbac: ClusterRbac, grants: readonly Grant[]): SubjectGrants {
  const subjects = new Map<string, { subject: Subject; grants: Grant[] }>();
  for (const grant of grants) {
    if (rbac.isPlatform(grant.via.binding)) continue;
    const key = formatSubject(grant.subject);
    const entry = subjects.get(key);
    if (entry === undefined) subjects.set(key, { subject: grant.subject, grants: [grant] });
    else entry.grants.push(grant);
  }
  return subjects;
}

function podMakersIn(rbac: ClusterRbac, namespace: string): SubjectGrants {
  const grants = POD_MAKERS.flatMap(([group, resource]) => rbac.index.grantsAllowing({ verb: 'create', group, resource, namespace }));
  return namedSubjects(rbac, grants);
}

/** Who reads a Secret: get may be limited to names, list and watch (which return every value) cannot. */
function readersOf(rbac: ClusterRbac, secret: K8sObject, namespace: string, listers: SubjectGrants): SubjectGrants {
  const readers = namedSubjects(rbac, rbac.index.grantsAllowing({ verb: 'get', group: '', resource: 'secrets', namespace, name: secret.metadata.name }));
  for (const [key, entry] of listers) {
    const reader = readers.get(key);
    if (reader === undefined) readers.set(key, { subject: entry.subject, grants: [...entry.grants] });
    else reader.grants.push(...entry.grants);
  }
  return readers;
}

function listersIn(rbac: ClusterRbac, namespace: string): SubjectGrants {
  return namedSubjects(rbac, ['list', 'watch'].flatMap((verb) => rbac.index.grantsAllowing({ verb, group: '', resource: 'secrets', namespace })));
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
    const uses = new Map<Workload, Set<string>>();
    const usesOf = (workload: Workload): Set<string> => {
      let names = uses.get(workload);
      if (names === undefined) {
        names = secretsUsedBy(estate, workload);
        uses.set(workload, names);
      }
      return names;
    };
    for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
      const podMakers = new Map<string, SubjectGrants>();
      const listers = new Map<string, SubjectGrants>();
      for (const secret of objectsOfKind(estate, 'Secret')) {
        if (secret.source.cluster !== rbac.cluster) continue; // each cluster's RBAC guards its own Secrets
        const namespace = secret.metadata.namespace ?? estate.defaultNamespace;
        const users = analysedWorkloadsIn(estate, namespace).filter((workload) => usesOf(workload).has(secret.metadata.name));
        const userAccounts = new Set(users.map((workload) => formatSubject(serviceAccount(workload.namespace, workload.serviceAccountName))));
        const makers = podMakers.get(namespace) ?? podMakersIn(rbac, namespace);
        podMakers.set(namespace, makers);
        const namespaceListers = listers.get(namespace) ?? listersIn(rbac, namespace);
        listers.set(namespace, namespaceListers);
        const extra = new Map<string, Access>();
        for (const [how, entries] of [['reads it', readersOf(rbac, secret, namespace, namespaceListers)], ['may mount it in a pod', makers]] as const) {
          for (const [key, { subject, grants }] of entries) {
            if (userAccounts.has(key)) continue;
            const access = extra.get(key) ?? { subject, how: [], grants: [] };
            access.how.push(how);
            access.grants.push(...grants);
            extra.set(key, access);
          }
        }
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
          related: [...new Map(accesses.flatMap((access) => access.grants).map((grant) => [grant.via.binding, grant.via.binding])).values()].slice(0, 5).map(plainRef),
          // Another workload's identity, or a whole group of them, is an automated path; people are a reviewed one.
          severity: accesses.some((access) => isWorkloadIdentity(access.subject)) ? 'medium' : 'low',
        });
      }
    }
  },
});

interface Access {
  subject: Subject;
  how: string[];
  grants: Grant[];
}

function isWorkloadIdentity(subject: Subject): boolean {
  return isBroadSubject(subject) || subject.kind === 'ServiceAccount' || (subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts:'));
}

