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
import { GrantVisitor, RoleBindings } from './grant-visitor.js';
import { SYSTEM_MASTERS_GRANTS, grantsOfBinding } from './grants.js';
import { readAccounts, readInventory, roleKey } from './inventory.js';
import { compareKeys, resolveBindings } from './resolve-bindings.js';
import { grantAllows, normalizeRequest } from './request.js';
import { RuleLookup } from './rule-lookup.js';
import { SubjectUniverse } from './subject-universe.js';
import { SYSTEM_MASTERS, compareSubjects, formatSubject, groupKey, identityKeys } from './subject.js';
import type { DanglingBinding, EffectiveRole, Grant, RbacObjectRef, RbacRequest, ResolvedBinding, Subject } from './types.js';

const NO_ENTRIES: ReadonlyArray<{ binding: ResolvedBinding; subject: Subject }> = [];

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
  /**
   * `keep`, when given, picks the bindings (by reference and the subject they name) whose grants are wanted: the
   * others' grants are not made (every service account is in system:authenticated, bound by the bootstrap policy).
   */
  grantsFor(subject: Subject, keep?: (binding: RbacObjectRef, named: Subject) => boolean): Grant[];
  can(subject: Subject, request: RbacRequest): Grant[];
  whoCan(request: RbacRequest): WhoCanEntry[];
  /**
   * Every grant that allows the request, each naming the subject its binding names: whoCan without expanding
   * groups to their members (what a question about one object asks thousands of times needs to stay cheap).
   */
  grantsAllowing(request: RbacRequest): Grant[];
  /** grantsAllowing one grant at a time, in the same order, without the array: for questions asked per namespace. */
  forEachGrantAllowing(request: RbacRequest, visit: (grant: Grant) => void): void;
  /**
   * False promises that grantsAllowing(request) gives the same grants in the same order whatever the request's name
   * (no rule that could allow it is limited to resourceNames); true when it may not.
   */
  dependsOnName(request: RbacRequest): boolean;
  subjects(): Subject[];
  danglingBindings(): DanglingBinding[];
  roles(): EffectiveRole[];
  role(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): EffectiveRole | undefined;
  bindings(): ResolvedBinding[];
  /** The grants one binding gives, for each of its subjects. */
  grantsOfBinding(binding: ResolvedBinding): Grant[];
}

export function buildRbacIndex(objects: readonly K8sObject[], options: RbacIndexOptions = {}): RbacIndex {
  const includeDefaults = options.includeDefaults ?? true;
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const defaults = includeDefaults ? defaultPolicyObjects(options.kubernetesVersion) : [];
  const inventory = readInventory([defaults, objects], defaultNamespace);
  const roles = computeEffectiveRoles(inventory.roles.values());
  const { bindings, subjectKeys, dangling } = resolveBindings(inventory.bindings.values(), roles);
  const defaultPolicy = includeDefaults ? defaultPolicyFile(kubernetesMinor(options.kubernetesVersion)) : undefined;
  // Every subject and group membership is needed by who-can and the subject list only, not by a scan's rules. Only
  // what it reads is kept for it, the ServiceAccount and Namespace objects, read again when it is first asked: the
  // accounts as subjects and their keys were 1.2 MB at 50,000 pods.
  const { accountObjects } = inventory;
  return new Index(roles, bindings, subjectKeys, dangling, () => new SubjectUniverse(readAccounts(accountObjects, defaultNamespace), bindings), defaultPolicy);
}

class Index implements RbacIndex {
  private readonly lookup: RuleLookup;
  private readonly visitor: GrantVisitor;
  /** With the binding's own subject object, whose grants are built once and shared (grantsOf). */
  private readonly bindingsBySubject = new Map<string, Array<{ binding: ResolvedBinding; subject: Subject }>>();
  private readonly grantCache = new Map<ResolvedBinding, Map<Subject, Grant[]>>();
  private sortedRoles: EffectiveRole[] | undefined;

  /** @param subjectKeys formatSubject of each binding's subjects, as the inventory wrote them (one list per binding). */
  constructor(
    private readonly effectiveRoles: ReadonlyMap<string, EffectiveRole>,
    private readonly resolvedBindings: readonly ResolvedBinding[],
    subjectKeys: ReadonlyArray<readonly string[]>,
    private readonly dangling: readonly DanglingBinding[],
    private readonly makeUniverse: () => SubjectUniverse,
    readonly defaultPolicy: string | undefined,
  ) {
    this.lookup = new RuleLookup(effectiveRoles);
    // The key each role is filed under, read from the map rather than joined again for each of 17,000 bindings.
    const keyOfRole = new Map<EffectiveRole, string>();
    effectiveRoles.forEach((role, key) => keyOfRole.set(role, key));
    const bindingsByRole = new Map<string, RoleBindings>();
    for (let position = 0; position < resolvedBindings.length; position++) {
      const binding = resolvedBindings[position];
      const { subjects } = binding;
      const keys = subjectKeys[position];
      for (let subject = 0; subject < subjects.length; subject++) push(this.bindingsBySubject, keys[subject], { binding, subject: subjects[subject] });
      if (binding.role === undefined) continue;
      const key = keyOfRole.get(binding.role) ?? roleKeyOf(binding.role);
      let entry = bindingsByRole.get(key);
      if (entry === undefined) bindingsByRole.set(key, (entry = new RoleBindings()));
      entry.add(binding);
    }
    // Kept as long as the index: lists at their length, not with the room a growing list leaves.
    this.bindingsBySubject.forEach((list, key) => {
      if (list.length > 1) this.bindingsBySubject.set(key, list.slice());
    });
    bindingsByRole.forEach((entry) => entry.trim());
    this.visitor = new GrantVisitor(this.lookup, bindingsByRole);
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

  grantsFor(subject: Subject, keep?: (binding: RbacObjectRef, named: Subject) => boolean): Grant[] {
    const grants: Grant[] = [];
    const keys = identityKeys(subject);
    if (keys.includes(groupKey(SYSTEM_MASTERS))) for (const grant of SYSTEM_MASTERS_GRANTS) if (keep === undefined || keep(grant.via.binding, grant.subject)) grants.push(grant);
    for (const key of keys)
      for (const { binding, subject: named } of this.bindingsBySubject.get(key) ?? NO_ENTRIES) if (keep === undefined || keep(binding.ref, named)) grants.push(...this.grantsOf(binding, named));
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
    this.visitor.forEachGrantAllowing(request, visit);
  }

  dependsOnName(request: RbacRequest): boolean {
    return this.visitor.dependsOnName(request);
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
