/**
 * Every subject the estate shows: service accounts that exist (each namespace has `default`) or are named in
 * bindings, users and groups named in bindings, and the groups the API server adds on its own. Membership is
 * indexed once, so "who is in system:serviceaccounts:shop" is a lookup, not a scan.
 */
import type { AccountInventory } from './inventory.js';
import {
  ALL_AUTHENTICATED,
  ALL_SERVICE_ACCOUNTS,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  SYSTEM_MASTERS,
  compareSubjects,
  formatSubject,
  group,
  groupKey,
  impliedGroups,
  parseSubject,
  serviceAccount,
  serviceAccountsGroupOf,
  user,
} from './subject.js';
import type { ResolvedBinding, Subject } from './types.js';

export class SubjectUniverse {
  private readonly byKey = new Map<string, Subject>();
  private readonly members = new Map<string, Subject[]>();
  private sorted: Subject[] | undefined;

  constructor(inventory: AccountInventory, bindings: readonly ResolvedBinding[]) {
    const namespaces = new Set(inventory.namespaces);
    for (const binding of bindings) if (binding.namespace !== undefined) namespaces.add(binding.namespace);
    for (const subject of inventory.serviceAccounts.values()) this.add(subject);
    for (const binding of bindings) for (const subject of binding.subjects) this.add(subject);
    for (const subject of this.byKey.values()) if (subject.kind === 'ServiceAccount') namespaces.add(subject.namespace);
    for (const namespace of namespaces) {
      // The service-account controller creates `default` in every namespace.
      this.add(serviceAccount(namespace, 'default'));
      this.add(group(serviceAccountsGroupOf(namespace)));
    }
    for (const name of [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ALL_SERVICE_ACCOUNTS, SYSTEM_MASTERS]) this.add(group(name));
    this.add(user(ANONYMOUS_USER));
    for (const subject of this.byKey.values()) {
      for (const name of impliedGroups(subject)) {
        const key = groupKey(name);
        const list = this.members.get(key);
        if (list === undefined) this.members.set(key, [subject]);
        else list.push(subject);
      }
    }
  }

  private add(subject: Subject): void {
    const key = formatSubject(subject);
    if (!this.byKey.has(key)) this.byKey.set(key, subject);
  }

  /** The subject a key names (the key being formatSubject of a subject the engine has seen or built). */
  subjectOfKey(key: string): Subject {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const parsed = parseSubject(key);
    if (parsed === undefined) throw new Error(`not a subject key: ${key}`);
    return parsed;
  }

  /** Subjects of the universe that are in this group (by key `group:NAME`), directly or by implication. */
  membersOf(groupKey: string): readonly Subject[] {
    return this.members.get(groupKey) ?? [];
  }

  all(): Subject[] {
    this.sorted ??= [...this.byKey.values()].sort(compareSubjects);
    return [...this.sorted];
  }
}
