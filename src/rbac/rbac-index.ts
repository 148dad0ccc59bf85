/**
 * The effective permissions of every subject of an estate, and the two questions asked of them:
 * what may this subject do (grantsFor, can) and who may do this (whoCan). Built once, pure, no I/O.
 *
 * Scale: bindings are indexed by the subject they name and by role and namespace, rules by
 * (verb, group, resource); a query touches only the rules, bindings and subjects that answer it.
 */
import type { K8sObject } from '../model/object.js';
import { computeEffectiveRoles } from './aggregation.js';
import { defaultPolicyFile, defaultPolicyObjects, kubernetesMinor } from './defaults/index.js';
import { SYSTEM_MASTERS_GRANTS, grantOfBindingRule, grantsOfBinding } from './grants.js';
import { readInventory, roleKey } from './inventory.js';
import { compareKeys, resolveBindings } from './resolve-bindings.js';
import { grantAllows, normalizeRequest, type NormalizedRequest } from './request.js';
import { RequestMemo } from './request-memo.js';
import { RuleLookup, type RoleMatch } from './rule-lookup.js';
import { SubjectUniverse } from './subject-universe.js';
import { SYSTEM_MASTERS, compareSubjects, formatSubject, groupKey, identityKeys } from './subject.js';
import {
  ANY_NAMESPACE,
  type DanglingBinding,
  type EffectiveRole,
  type Grant,
  type RbacRequest,
  type ResolvedBinding,
  type Subject,
} from './types.js';

export interface RbacIndexOptions {
  /** The cluster's version (`v1.31.2`); selects the default policy. Versions before 1.30 get the 1.30 policy. */
  kubernetesVersion?: string;
  /** Add the bootstrap policy every cluster has (default true); input objects of the same name override it. */
  includeDefaults?: boolean;
  /** Namespace of namespaced objects that name none (default `default`, as kubectl applies them). */
  defaultNamespace?: string;
}

export interface WhoCanEntry {
  subject: Subject;
  grants: Grant[];
}

export interface RbacIndex {
  /** `<kubernetes default policy v1.N>` when defaults are included. */
  readonly defaultPolicy?: string;
  grantsFor(subject: Subject): Grant[];
  can(subject: Subject, request: RbacRequest): Grant[];
  whoCan(request: RbacRequest): WhoCanEntry[];
  /**
   * Every grant that allows the request, each naming the subject its binding names: whoCan without expanding
   * groups to their members (what a question about one object asks thousands of times needs to stay cheap).
   */
  grantsAllowing(request: RbacRequest): Grant[];
  /** grantsAllowing one grant at a time, in the same order, without the array: for questions asked per namespace. */
  forEachGrantAllowing(request: RbacRequest, visit: (grant: Grant) => void): void;
  subjects(): Subject[];
  danglingBindings(): DanglingBinding[];
  roles(): EffectiveRole[];
  role(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): EffectiveRole | undefined;
  bindings(): ResolvedBinding[];
  /** The grants one binding gives, for each of its subjects. */
  grantsOfBinding(binding: ResolvedBinding): Grant[];
}

type ResourceMatchRequest = Extract<NormalizedRequest, { kind: 'resource' }>;

const ANY_VERB = '*';

interface ClusterAnswer {
  roles: readonly RoleMatch[];
  /** The grants of each role's ClusterRoleBindings that allow the request. */
  grants: readonly Grant[][];
}

interface BindingsOfRole {
  cluster: ResolvedBinding[];
  byNamespace: Map<string, ResolvedBinding[]>;
}

export function buildRbacIndex(objects: readonly K8sObject[], options: RbacIndexOptions = {}): RbacIndex {
  const includeDefaults = options.includeDefaults ?? true;
  const defaults = includeDefaults ? defaultPolicyObjects(options.kubernetesVersion) : [];
  const inventory = readInventory([defaults, objects], options.defaultNamespace ?? 'default');
  const roles = computeEffectiveRoles(inventory.roles.values());
  const { bindings, dangling } = resolveBindings(inventory.bindings.values(), roles);
  const defaultPolicy = includeDefaults ? defaultPolicyFile(kubernetesMinor(options.kubernetesVersion)) : undefined;
  // Every subject and group membership is needed by who-can and the subject list only, not by a scan's rules. Only
  // what it reads is kept for it: the binding and role records (and their keys) are garbage once resolved.
  const { serviceAccounts, namespaces } = inventory;
  return new Index(roles, bindings, dangling, () => new SubjectUniverse({ serviceAccounts, namespaces }, bindings), defaultPolicy);
}

class Index implements RbacIndex {
  private readonly lookup: RuleLookup;
  /** With the binding's own subject object, whose grants are built once and shared (grantsOf). */
  private readonly bindingsBySubject = new Map<string, Array<{ binding: ResolvedBinding; subject: Subject }>>();
  private readonly bindingsByRole = new Map<string, BindingsOfRole>();
  private readonly grantCache = new Map<ResolvedBinding, Map<Subject, Grant[]>>();
  private readonly clusterAnswers = new RequestMemo<ClusterAnswer | undefined>();
  private sortedRoles: EffectiveRole[] | undefined;

  constructor(
    private readonly effectiveRoles: ReadonlyMap<string, EffectiveRole>,
    private readonly resolvedBindings: readonly ResolvedBinding[],
    private readonly dangling: readonly DanglingBinding[],
    private readonly makeUniverse: () => SubjectUniverse,
    readonly defaultPolicy: string | undefined,
  ) {
    this.lookup = new RuleLookup(effectiveRoles);
    // The key each role is filed under, read from the map rather than joined again for each of 17,000 bindings.
    const keyOfRole = new Map<EffectiveRole, string>();
    effectiveRoles.forEach((role, key) => keyOfRole.set(role, key));
    for (const binding of resolvedBindings) {
      for (const subject of binding.subjects) push(this.bindingsBySubject, formatSubject(subject), { binding, subject });
      if (binding.role === undefined) continue;
      const key = keyOfRole.get(binding.role) ?? roleKeyOf(binding.role);
      let entry = this.bindingsByRole.get(key);
      if (entry === undefined) {
        entry = { cluster: [], byNamespace: new Map() };
        this.bindingsByRole.set(key, entry);
      }
      if (binding.namespace === undefined) entry.cluster.push(binding);
      else push(entry.byNamespace, binding.namespace, binding);
    }
  }

  private subjectUniverse: SubjectUniverse | undefined;

  private universe(): SubjectUniverse {
    this.subjectUniverse ??= this.makeUniverse();
    return this.subjectUniverse;
  }

  /**
   * Grants to groups are cached: every member of system:authenticated asks for the same ones. By the binding's own
   * subject object (the one bindingsBySubject holds), not its text: 10,000 service accounts ask.
   */
  private grantsOf(binding: ResolvedBinding, subject: Subject): Grant[] {
    if (subject.kind !== 'Group') return grantsOfBinding(binding, subject);
    let perSubject = this.grantCache.get(binding);
    if (perSubject === undefined) {
      perSubject = new Map();
      this.grantCache.set(binding, perSubject);
    }
    let grants = perSubject.get(subject);
    if (grants === undefined) {
      grants = grantsOfBinding(binding, subject);
      perSubject.set(subject, grants);
    }
    return grants;
  }

  grantsFor(subject: Subject): Grant[] {
    const grants: Grant[] = [];
    const keys = identityKeys(subject);
    if (keys.includes(groupKey(SYSTEM_MASTERS))) grants.push(...SYSTEM_MASTERS_GRANTS);
    for (const key of keys) for (const { binding, subject: named } of this.bindingsBySubject.get(key) ?? []) grants.push(...this.grantsOf(binding, named));
    return grants;
  }

  can(subject: Subject, request: RbacRequest): Grant[] {
    const normalized = normalizeRequest(request);
    return this.grantsFor(subject).filter((grant) => grantAllows(grant, normalized));
  }

  grantsAllowing(request: RbacRequest): Grant[] {
    const grants: Grant[] = [];
    this.forEachGrantAllowing(request, (grant) => grants.push(grant));
    return grants;
  }

  forEachGrantAllowing(request: RbacRequest, visit: (grant: Grant) => void): void {
    const normalized = normalizeRequest(request);
    const { namespace } = normalized;
    if (normalized.kind === 'resource' && namespace !== undefined && namespace !== ANY_NAMESPACE) {
      const cluster = this.clusterAnswer(normalized);
      if (cluster !== undefined) {
        this.visitInNamespace(normalized, namespace, cluster, visit);
        return;
      }
    }
    // A scan asks this 40,000 times: the binding lists of a role are walked where they are, none joined or copied.
    // A role's ClusterRoleBindings come first, then its RoleBindings in the namespace (in every one, for "any").
    this.lookup.match(normalized).forEach((ruleIndexes, key) => {
      const entry = this.bindingsByRole.get(key);
      if (entry === undefined) return;
      visitAllowed(visit, entry.cluster, ruleIndexes, normalized);
      if (namespace === ANY_NAMESPACE) entry.byNamespace.forEach((bindings) => visitAllowed(visit, bindings, ruleIndexes, normalized));
      else if (namespace !== undefined) visitAllowed(visit, entry.byNamespace.get(namespace) ?? [], ruleIndexes, normalized);
    });
    for (const grant of SYSTEM_MASTERS_GRANTS) if (grantAllows(grant, normalized)) visit(grant);
  }

  /**
   * What ClusterRoles and their ClusterRoleBindings allow of a request, the same in every namespace and for every
   * name (undefined when a rule limited to resourceNames is among them): asked once per verb, group, resource and
   * subresource instead of once per namespace. A scan asks about each of 3,000 namespaces ten times.
   */
  private clusterAnswer(request: ResourceMatchRequest): ClusterAnswer | undefined {
    const remembered = this.clusterAnswers.get(request.verb, request);
    if (remembered !== undefined) return remembered.value;
    const roles = this.lookup.clusterRoleMatches(request);
    const answer =
      roles === undefined
        ? undefined
        : {
            roles,
            // A ClusterRoleBinding reaches every namespace, and none of these rules asks for a name.
            grants: roles.map((role) => {
              const grants: Grant[] = [];
              visitAllowed((grant) => grants.push(grant), this.bindingsByRole.get(role.roleKey)?.cluster ?? [], role.ruleIndexes, request);
              return grants;
            }),
          };
    this.clusterAnswers.set(request.verb, request, answer);
    return answer;
  }

  /**
   * grantsAllowing in one namespace, as match() orders it: the ClusterRoles first found under the request's verb,
   * then the namespace's Roles so found, then the same under `*`; each role's ClusterRoleBindings, then its
   * RoleBindings in the namespace.
   */
  private visitInNamespace(request: ResourceMatchRequest, namespace: string, cluster: ClusterAnswer, visit: (grant: Grant) => void): void {
    const own = this.lookup.namespaceRoleMatches(request, namespace);
    const passes = request.verb === ANY_VERB ? 1 : 2;
    for (let pass = 0; pass < passes; pass++) {
      for (let index = 0; index < cluster.roles.length; index++) {
        const role = cluster.roles[index];
        if (role.pass !== pass) continue;
        for (const grant of cluster.grants[index]) visit(grant);
        const bindings = this.bindingsByRole.get(role.roleKey)?.byNamespace.get(namespace);
        if (bindings !== undefined) visitAllowed(visit, bindings, role.ruleIndexes, request);
      }
      // A Role is bound by RoleBindings of its namespace only.
      for (const role of own) {
        if (role.pass !== pass) continue;
        const bindings = this.bindingsByRole.get(role.roleKey)?.byNamespace.get(namespace);
        if (bindings !== undefined) visitAllowed(visit, bindings, role.ruleIndexes, request);
      }
    }
    for (const grant of SYSTEM_MASTERS_GRANTS) if (grantAllows(grant, request)) visit(grant);
  }

  whoCan(request: RbacRequest): WhoCanEntry[] {
    const byNamedSubject = new Map<string, Grant[]>();
    for (const grant of this.grantsAllowing(request)) pushAll(byNamedSubject, formatSubject(grant.subject), [grant]);
    const result = new Map<string, WhoCanEntry>();
    for (const [key, grants] of byNamedSubject) {
      for (const subject of [this.universe().subjectOfKey(key), ...this.universe().membersOf(key)]) {
        const subjectKey = formatSubject(subject);
        const existing = result.get(subjectKey);
        if (existing === undefined) result.set(subjectKey, { subject, grants: [...grants] });
        else existing.grants.push(...grants);
      }
    }
    const entries = [...result.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
    for (const entry of entries) if (entry.grants.length > 1) entry.grants = sortGrants(entry.grants);
    return entries;
  }

  subjects(): Subject[] {
    return this.universe().all();
  }

  danglingBindings(): DanglingBinding[] {
    return [...this.dangling];
  }

  roles(): EffectiveRole[] {
    this.sortedRoles ??= [...this.effectiveRoles.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([, role]) => role);
    return [...this.sortedRoles];
  }

  role(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): EffectiveRole | undefined {
    return this.effectiveRoles.get(kind === 'Role' ? roleKey('Role', name, namespace) : roleKey('ClusterRole', name));
  }

  bindings(): ResolvedBinding[] {
    return [...this.resolvedBindings];
  }

  grantsOfBinding(binding: ResolvedBinding): Grant[] {
    return binding.subjects.flatMap((subject) => this.grantsOf(binding, subject));
  }
}

/** The grants of the bindings for the rules the lookup matched, those whose scope reaches the request. */
function visitAllowed(visit: (grant: Grant) => void, bindings: readonly ResolvedBinding[], ruleIndexes: readonly number[], request: NormalizedRequest): void {
  for (const binding of bindings) {
    for (const subject of binding.subjects) {
      for (const ruleIndex of ruleIndexes) {
        const grant = grantOfBindingRule(binding, subject, ruleIndex);
        // The rule matched by verb, group, resource and name; the binding's scope still has to reach the request.
        if (grant !== undefined && grantAllows(grant, request)) visit(grant);
      }
    }
  }
}

function roleKeyOf(role: EffectiveRole): string {
  return role.ref.kind === 'Role' ? roleKey('Role', role.ref.name, role.ref.namespace) : roleKey('ClusterRole', role.ref.name);
}

/** By binding, subject named, then rule: the order a reader follows a chain in. */
function sortGrants(grants: Grant[]): Grant[] {
  const keyed = grants.map((grant) => ({
    key: `${grant.via.binding.kind}/${grant.via.binding.namespace ?? ''}/${grant.via.binding.name}/${formatSubject(grant.subject)}`,
    grant,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.grant.via.ruleIndex - b.grant.via.ruleIndex));
  return keyed.map((entry) => entry.grant);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function pushAll<V>(map: Map<string, V[]>, key: string, values: readonly V[]): void {
  if (values.length === 0) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [...values]);
  else list.push(...values);
}
