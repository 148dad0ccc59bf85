/**
 * Who can read a Secret through RBAC, and how: get it by name, list or watch the Secrets of its namespace, or create a
 * pod there (a pod may mount any Secret of its namespace). Subjects bindings name, from grants that are not the
 * platform's own (bootstrap policy, system components).
 *
 * Scale: only `get` carries the Secret's name, and only a rule limited to resourceNames can make its answer differ
 * from one Secret to another (RbacIndex.dependsOnName). Where none can, every Secret of a namespace has the same
 * readers, and the accesses are merged and sorted once per namespace: 20,000 Secrets at 150,000 pods asked one
 * question and merged three answers each.
 */
import { POD_CONTROLLERS } from '../../rbac/pod-controllers.js';
import type { K8sObject } from '../../model/object.js';
import type { ClusterRbac } from '../../rbac/estate-rbac.js';
import { compareSubjects, formatSubject } from '../../rbac/subject.js';
import type { Grant, RbacRequest, Subject } from '../../rbac/types.js';

/** Creating any of these in a namespace runs a pod there, and a pod may mount any Secret of its namespace. */
const POD_MAKERS: ReadonlyArray<readonly [string, string]> = [['', 'pods'], ...POD_CONTROLLERS];

/** How one subject gets at a Secret, with its grants in the order they were found. */
export interface Access {
  subject: Subject;
  /** formatSubject(subject). */
  key: string;
  how: string[];
  grants: Grant[];
}

/** The subjects bindings name, by key, with their grants in the order grantsAllowing gives them. */
type SubjectGrants = Map<string, { subject: Subject; grants: Grant[] }>;

interface NamespaceAccess {
  listers: SubjectGrants;
  makers: SubjectGrants;
  /** Every Secret's accesses, when the Secret's name cannot change them. */
  shared?: readonly Access[];
}

/** The accesses of one cluster's Secrets, kept for one run of the rule. */
export class SecretAccess {
  private readonly namespaces = new Map<string, NamespaceAccess>();

  constructor(
    private readonly rbac: ClusterRbac,
    private readonly keys: SubjectKeys,
  ) {}

  /** Every subject that can read the Secret, sorted by compareSubjects; the rule leaves out the users' accounts. */
  accessesOf(secret: K8sObject, namespace: string): readonly Access[] {
    const read = readRequest(namespace, secret.metadata.name);
    let entry = this.namespaces.get(namespace);
    if (entry === undefined) {
      entry = {
        listers: this.namedSubjects(['list', 'watch'].map((verb) => ({ verb, group: '', resource: 'secrets', namespace }))),
        makers: this.namedSubjects(POD_MAKERS.map(([group, resource]) => ({ verb: 'create', group, resource, namespace }))),
      };
      if (!this.rbac.index.dependsOnName(read)) entry.shared = this.merge(this.namedSubjects([read]), entry);
      this.namespaces.set(namespace, entry);
    }
    return entry.shared ?? this.merge(this.namedSubjects([read]), entry);
  }

  /** Readers (get), then listers, then pod makers: how each subject gets at the Secret, and its grants in that order. */
  private merge(readers: SubjectGrants, entry: NamespaceAccess): Access[] {
    const accesses = new Map<string, Access>();
    const add = (entries: SubjectGrants, how: string): void => {
      entries.forEach(({ subject, grants }, key) => {
        let access = accesses.get(key);
        if (access === undefined) accesses.set(key, (access = { subject, key, how: [], grants: [] }));
        if (access.how[access.how.length - 1] !== how) access.how.push(how);
        for (const grant of grants) access.grants.push(grant);
      });
    };
    add(readers, 'reads it');
    add(entry.listers, 'reads it');
    add(entry.makers, 'may mount it in a pod');
    return [...accesses.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
  }

  /**
   * The named subjects of the grants allowing any of the requests, in the order grantsAllowing gives them. The grants
   * are visited, not collected: every namespace's answer starts with the same ClusterRoleBindings (3,000 namespaces
   * × 10 questions copied them into arrays, most of them the platform's, then skipped).
   */
  private namedSubjects(requests: readonly RbacRequest[]): SubjectGrants {
    const subjects: SubjectGrants = new Map();
    const visit = (grant: Grant): void => {
      if (this.rbac.isPlatform(grant.via.binding)) return;
      const key = this.keys.of(grant.subject);
      const entry = subjects.get(key);
      if (entry === undefined) subjects.set(key, { subject: grant.subject, grants: [grant] });
      else entry.grants.push(grant);
    };
    for (const request of requests) this.rbac.index.forEachGrantAllowing(request, visit);
    return subjects;
  }
}

/** Who may get a Secret by its name (get may be limited to names; list and watch, which cannot, are asked per namespace). */
function readRequest(namespace: string, name: string): RbacRequest {
  return { verb: 'get', group: '', resource: 'secrets', namespace, name };
}

/**
 * formatSubject of the subjects bindings name, made once per subject for one run of the rule: a namespace's
 * subjects are met again in each of its questions.
 */
export class SubjectKeys {
  private readonly keys = new Map<Subject, string>();

  of(subject: Subject): string {
    let key = this.keys.get(subject);
    if (key === undefined) this.keys.set(subject, (key = formatSubject(subject)));
    return key;
  }
}
