/**
 * Shapes and builders for the Kubernetes bootstrap policy, written the way
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy writes it (NewRule(verbs).Groups(..).Resources(..)).
 * `since`/`until` carry the Kubernetes minor version a role or rule appeared in / was last present in.
 */
import type { PolicyRule } from '../types.js';

export interface VersionedRule extends PolicyRule {
  since?: number;
  until?: number;
}

export interface DefaultClusterRole {
  name: string;
  labels?: Readonly<Record<string, string>>;
  /** matchLabels of each selector of the aggregationRule. */
  aggregateLabels?: ReadonlyArray<Readonly<Record<string, string>>>;
  rules: readonly VersionedRule[];
  since?: number;
  until?: number;
}

export interface DefaultRole {
  namespace: string;
  name: string;
  rules: readonly VersionedRule[];
}

export type DefaultSubject =
  | { kind: 'ServiceAccount'; namespace: string; name: string }
  | { kind: 'User'; name: string }
  | { kind: 'Group'; name: string };

export interface DefaultBinding {
  /** Set for RoleBindings. */
  namespace?: string;
  name: string;
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string };
  subjects: readonly DefaultSubject[];
  since?: number;
}

export const READ = ['get', 'list', 'watch'] as const;
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export const READ_WRITE = [...READ, ...WRITE] as const;
export const READ_UPDATE = ['get', 'list', 'watch', 'update', 'patch'] as const;

export const CORE = '';
export const APPS = 'apps';
export const AUTHENTICATION = 'authentication.k8s.io';
export const AUTHORIZATION = 'authorization.k8s.io';
export const AUTOSCALING = 'autoscaling';
export const BATCH = 'batch';
export const CERTIFICATES = 'certificates.k8s.io';
export const COORDINATION = 'coordination.k8s.io';
export const DISCOVERY = 'discovery.k8s.io';
export const EXTENSIONS = 'extensions';
export const POLICY = 'policy';
export const RBAC = 'rbac.authorization.k8s.io';
export const STORAGE = 'storage.k8s.io';
export const NETWORKING = 'networking.k8s.io';
export const EVENTS = 'events.k8s.io';
export const ADMISSION_REGISTRATION = 'admissionregistration.k8s.io';

/** A resource rule: verbs on resources of groups, optionally restricted to names. */
export function rule(
  verbs: readonly string[],
  apiGroups: readonly string[],
  resources: readonly string[],
  resourceNames: readonly string[] = [],
): VersionedRule {
  return { verbs: [...verbs], apiGroups: [...apiGroups], resources: [...resources], resourceNames: [...resourceNames], nonResourceURLs: [] };
}

export function urls(verbs: readonly string[], nonResourceURLs: readonly string[]): VersionedRule {
  return { verbs: [...verbs], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [...nonResourceURLs] };
}

/** The rule almost every component carries: write events in both event groups. */
export function eventsRule(): VersionedRule {
  return rule(['create', 'update', 'patch'], [CORE, EVENTS], ['events']);
}

export function until(minor: number, entry: VersionedRule): VersionedRule {
  return { ...entry, until: minor };
}

export function since(minor: number, entry: VersionedRule): VersionedRule {
  return { ...entry, since: minor };
}

export function serviceAccountSubject(namespace: string, name: string): DefaultSubject {
  return { kind: 'ServiceAccount', namespace, name };
}
export function userSubject(name: string): DefaultSubject {
  return { kind: 'User', name };
}
export function groupSubject(name: string): DefaultSubject {
  return { kind: 'Group', name };
}

export function presentIn(minor: number, entry: { since?: number; until?: number }): boolean {
  return (entry.since === undefined || minor >= entry.since) && (entry.until === undefined || minor <= entry.until);
}
