/**
 * Identities as the API server sees them: the text form people type, and the groups an identity is always in.
 * Group membership of users comes from the authenticator, which configuration does not show; what is certain is
 * what the API server adds itself (system:authenticated, the service-account groups) and what follows from it.
 */
import type { Subject } from './types.js';

export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX = 'system:serviceaccounts:';
export const SYSTEM_MASTERS = 'system:masters';
export const ANONYMOUS_USER = 'system:anonymous';
export const NODES_GROUP = 'system:nodes';
const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
const NODE_USER_PREFIX = 'system:node:';

export function serviceAccount(namespace: string, name: string): Subject {
  return { kind: 'ServiceAccount', namespace, name };
}
export function user(name: string): Subject {
  return serviceAccountFromUsername(name) ?? { kind: 'User', name };
}
export function group(name: string): Subject {
  return { kind: 'Group', name };
}

/** `system:serviceaccount:NS:NAME` → the service account; any other user name → undefined. */
export function serviceAccountFromUsername(username: string): Subject | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) return undefined;
  const rest = username.slice(SERVICE_ACCOUNT_USER_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  const namespace = rest.slice(0, colon);
  const name = rest.slice(colon + 1);
  // The API server splits on every colon and wants exactly two parts.
  if (name.includes(':')) return undefined;
  return { kind: 'ServiceAccount', namespace, name };
}

/**
 * Parses `system:serviceaccount:NS:NAME`, `user:NAME` or `group:NAME`; undefined for anything else.
 * `user:system:serviceaccount:NS:NAME` is that service account, as the API server matches users by name.
 */
export function parseSubject(text: string): Subject | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) return serviceAccountFromUsername(trimmed);
  if (trimmed.startsWith('user:') && trimmed.length > 'user:'.length) return user(trimmed.slice('user:'.length));
  if (trimmed.startsWith('group:') && trimmed.length > 'group:'.length) return group(trimmed.slice('group:'.length));
  return undefined;
}

/** The text form parseSubject reads; also the key subjects are indexed and sorted by. */
export function formatSubject(subject: Subject): string {
  switch (subject.kind) {
    case 'ServiceAccount':
      return `${SERVICE_ACCOUNT_USER_PREFIX}${subject.namespace}:${subject.name}`;
    case 'User':
      return `user:${subject.name}`;
    case 'Group':
      return `group:${subject.name}`;
  }
}

export function serviceAccountsGroupOf(namespace: string): string {
  return SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX + namespace;
}

/**
 * The groups a subject is certainly in, directly or by implication, without itself:
 * - a service account: system:serviceaccounts, system:serviceaccounts:NS, system:authenticated;
 * - system:anonymous: system:unauthenticated only;
 * - a node user `system:node:NAME`: system:nodes (the convention of kubelet client certificates) and
 *   system:authenticated;
 * - any other user: system:authenticated;
 * - a group: the groups every member of it is in. Only authenticated requests carry groups other than
 *   system:unauthenticated, so every other group implies system:authenticated; system:serviceaccounts:NS implies
 *   system:serviceaccounts.
 */
export function impliedGroups(subject: Subject): string[] {
  switch (subject.kind) {
    case 'ServiceAccount':
      return [ALL_SERVICE_ACCOUNTS, serviceAccountsGroupOf(subject.namespace), ALL_AUTHENTICATED];
    case 'User':
      if (subject.name === ANONYMOUS_USER) return [ALL_UNAUTHENTICATED];
      if (subject.name.startsWith(NODE_USER_PREFIX)) return [NODES_GROUP, ALL_AUTHENTICATED];
      return [ALL_AUTHENTICATED];
    case 'Group':
      if (subject.name === ALL_AUTHENTICATED || subject.name === ALL_UNAUTHENTICATED) return [];
      if (subject.name.startsWith(SERVICE_ACCOUNTS_OF_NAMESPACE_PREFIX)) return [ALL_SERVICE_ACCOUNTS, ALL_AUTHENTICATED];
      return [ALL_AUTHENTICATED];
  }
}

/** The keys (formatSubject) under which bindings may name this subject: itself and its implied groups. */
export function identityKeys(subject: Subject): string[] {
  return [formatSubject(subject), ...impliedGroups(subject).map(groupKey)];
}

/** formatSubject(group(name)), without building the subject. */
export function groupKey(name: string): string {
  return FIXED_GROUP_KEYS.get(name) ?? `group:${name}`;
}

/** The keys of the groups the API server itself puts identities in, built once: every subject asks for some. */
const FIXED_GROUP_KEYS: ReadonlyMap<string, string> = new Map(
  [ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ALL_SERVICE_ACCOUNTS, SYSTEM_MASTERS, NODES_GROUP].map((name) => [name, `group:${name}`]),
);

const kindOrder: Record<Subject['kind'], number> = { ServiceAccount: 0, User: 1, Group: 2 };

/** Service accounts first, then users, then groups; by name within each. */
export function compareSubjects(a: Subject, b: Subject): number {
  if (a.kind !== b.kind) return kindOrder[a.kind] - kindOrder[b.kind];
  const left = formatSubject(a);
  const right = formatSubject(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
