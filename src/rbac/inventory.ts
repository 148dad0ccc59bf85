/**
 * Reads the RBAC-relevant objects out of the input (untrusted JSON) into typed records: roles, bindings with
 * their subjects resolved, service accounts and namespaces. Later objects of the same kind, namespace and name
 * replace earlier ones, so input objects override the default policy read before them.
 */
import { asArray, asRecord, asString } from '../model/json.js';
import type { K8sObject } from '../model/object.js';
import { parseLabelSelector, type LabelSelector } from '../network/label-selector.js';
import { isDefaultPolicyFile } from './defaults/index.js';
import { readPolicyRule } from './rules.js';
import { formatSubject, group, serviceAccount, user } from './subject.js';
import type { PolicyRule, RbacObjectRef, Subject } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The group of an apiVersion is what comes before its first slash. */
const RBAC_API_VERSION_PREFIX = `${RBAC_GROUP}/`;

export interface RoleRecord {
  key: string;
  ref: RbacObjectRef;
  labels: Readonly<Record<string, string>>;
  rules: readonly PolicyRule[];
  /** ClusterRoles with an aggregationRule: its selectors, or 'invalid' when the API would reject one. */
  aggregation?: readonly LabelSelector[] | 'invalid';
}

export interface BindingRecord {
  /** `Kind/namespace/name` (`ClusterRoleBinding//name`): unique, and the order bindings are listed in. */
  key: string;
  ref: RbacObjectRef;
  namespace?: string;
  roleRef: { kind: string; name: string; apiGroup?: string };
  subjects: readonly Subject[];
  /** formatSubject of each subject. */
  subjectKeys: readonly string[];
}

export interface RbacInventory {
  roles: Map<string, RoleRecord>;
  bindings: Map<string, BindingRecord>;
  /** The v1 ServiceAccount and Namespace objects, in reading order: what readAccounts reads. */
  accountObjects: K8sObject[];
}

/** The service accounts (by formatSubject) and namespaces the input declares. */
export interface AccountInventory {
  serviceAccounts: Map<string, Subject>;
  namespaces: Set<string>;
}

export function roleKey(kind: 'Role' | 'ClusterRole', name: string, namespace?: string): string {
  return kind === 'Role' ? `Role/${namespace ?? ''}/${name}` : `ClusterRole/${name}`;
}

/** The object each reference was read from: references are made once per object and never changed. */
const objectsOfRefs = new WeakMap<RbacObjectRef, K8sObject>();

function refOf(object: K8sObject, namespace: string | undefined): RbacObjectRef {
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  const name = object.metadata.name;
  const source = object.source;
  const isDefault = isDefaultPolicyFile(source.file);
  // One literal per shape (a namespace added afterwards would sit in a separate property store, for 20,000 refs).
  const ref: RbacObjectRef = namespace === undefined ? { apiVersion, kind, name, source, isDefault } : { apiVersion, kind, name, source, isDefault, namespace };
  objectsOfRefs.set(ref, object);
  return ref;
}

/** The object (input or default policy) a role's or binding's reference was read from. */
export function objectOfRef(ref: RbacObjectRef): K8sObject | undefined {
  return objectsOfRefs.get(ref);
}

/**
 * Reads objects in order, list after list; `defaultNamespace` stands in for a namespaced object that names none
 * (kubectl's default).
 */
export function readInventory(lists: ReadonlyArray<readonly K8sObject[]>, defaultNamespace: string): RbacInventory {
  const inventory: RbacInventory = { roles: new Map(), bindings: new Map(), accountObjects: [] };
  const rules = new Map<string, PolicyRule>();
  for (const objects of lists) for (const object of objects) readObject(inventory, object, defaultNamespace, rules);
  return inventory;
}

/** The kinds the inventory reads: callers with many objects may pass only these (in their order). */
export function isInventoryKind(kind: string): boolean {
  return INVENTORY_KINDS.has(kind);
}

const INVENTORY_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ServiceAccount', 'Namespace']);

/** `rules`: the rules read so far by their text, shared by every role that writes the same rule. */
function readObject(inventory: RbacInventory, object: K8sObject, defaultNamespace: string, rules: Map<string, PolicyRule>): void {
  if (object.metadata.name === '') return;
  const namespace = object.metadata.namespace ?? defaultNamespace;
  if (object.apiVersion.startsWith(RBAC_API_VERSION_PREFIX)) readRbacObject(inventory, object, namespace, rules);
  else if (object.apiVersion === 'v1' && (object.kind === 'ServiceAccount' || object.kind === 'Namespace')) inventory.accountObjects.push(object);
}

/** The accounts of readInventory's accountObjects: later service accounts of the same name replace earlier ones. */
export function readAccounts(objects: readonly K8sObject[], defaultNamespace: string): AccountInventory {
  const accounts: AccountInventory = { serviceAccounts: new Map(), namespaces: new Set() };
  for (const object of objects) {
    if (object.kind === 'Namespace') {
      accounts.namespaces.add(object.metadata.name);
      continue;
    }
    const namespace = object.metadata.namespace ?? defaultNamespace;
    const subject = serviceAccount(namespace, object.metadata.name);
    accounts.serviceAccounts.set(formatSubject(subject), subject);
    accounts.namespaces.add(namespace);
  }
  return accounts;
}

function readRbacObject(inventory: RbacInventory, object: K8sObject, namespace: string, rules: Map<string, PolicyRule>): void {
  switch (object.kind) {
    case 'ClusterRole':
    case 'Role': {
      const role = readRole(object, object.kind === 'Role' ? namespace : undefined, rules);
      inventory.roles.set(role.key, role);
      return;
    }
    case 'ClusterRoleBinding':
    case 'RoleBinding': {
      const binding = readBinding(object, object.kind === 'RoleBinding' ? namespace : undefined);
      inventory.bindings.set(binding.key, binding);
      return;
    }
  }
}

/**
 * Rules are read once per distinct text: the same Role in each of 3,000 namespaces writes the same rules, and their
 * grants share the rule's arrays (rules are never changed).
 */
function readRole(object: K8sObject, namespace: string | undefined, known: Map<string, PolicyRule>): RoleRecord {
  const rules: PolicyRule[] = [];
  for (const raw of asArray(object.raw.rules)) {
    const rule = readPolicyRule(raw);
    if (rule === undefined) continue;
    const text = JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
    let shared = known.get(text);
    if (shared === undefined) known.set(text, (shared = rule));
    rules.push(shared);
  }
  const key = namespace === undefined ? roleKey('ClusterRole', object.metadata.name) : roleKey('Role', object.metadata.name, namespace);
  const record: RoleRecord = { key, ref: refOf(object, namespace), labels: object.metadata.labels, rules };
  const aggregationRule = asRecord(object.raw.aggregationRule);
  if (namespace === undefined && aggregationRule !== undefined) record.aggregation = readSelectors(aggregationRule.clusterRoleSelectors);
  return record;
}

function readSelectors(raw: unknown): readonly LabelSelector[] | 'invalid' {
  const selectors: LabelSelector[] = [];
  for (const entry of asArray(raw)) {
    const parsed = parseLabelSelector(entry);
    if (!parsed.ok) return 'invalid';
    selectors.push(parsed.selector);
  }
  return selectors;
}

function readBinding(object: K8sObject, namespace: string | undefined): BindingRecord {
  const roleRefRaw = asRecord(object.raw.roleRef);
  const roleRef = {
    kind: asString(roleRefRaw?.kind) ?? '',
    name: asString(roleRefRaw?.name) ?? '',
    ...(asString(roleRefRaw?.apiGroup) !== undefined ? { apiGroup: asString(roleRefRaw?.apiGroup) } : {}),
  };
  // A subject named twice counts once, in its first place; bindings name one or two, and need no map to tell.
  const subjects: Subject[] = [];
  const texts: string[] = [];
  for (const entry of asArray(object.raw.subjects)) {
    const subject = readSubject(entry, namespace);
    if (subject === undefined) continue;
    const text = formatSubject(subject);
    const seen = texts.indexOf(text);
    if (seen < 0) {
      subjects.push(subject);
      texts.push(text);
    } else subjects[seen] = subject;
  }
  const record: BindingRecord = {
    key: namespace === undefined ? `ClusterRoleBinding//${object.metadata.name}` : `RoleBinding/${namespace}/${object.metadata.name}`,
    ref: refOf(object, namespace),
    roleRef,
    subjects: subjects.slice(), // kept as long as the index: an array of its length, not one with room to grow
    subjectKeys: texts,
  };
  if (namespace !== undefined) record.namespace = namespace;
  return record;
}

/**
 * A binding subject as the authorizer matches it (rbac.go appliesToUser): a service account without a namespace
 * takes the RoleBinding's namespace and matches nothing in a ClusterRoleBinding; a User named
 * system:serviceaccount:NS:NAME is that service account.
 */
function readSubject(raw: unknown, bindingNamespace: string | undefined): Subject | undefined {
  const entry = asRecord(raw);
  const name = asString(entry?.name);
  if (entry === undefined || name === undefined || name === '') return undefined;
  switch (asString(entry.kind)) {
    case 'ServiceAccount': {
      const namespace = asString(entry.namespace) || bindingNamespace;
      return namespace === undefined || namespace === '' ? undefined : serviceAccount(namespace, name);
    }
    case 'User':
      return user(name);
    case 'Group':
      return group(name);
    default:
      return undefined;
  }
}
