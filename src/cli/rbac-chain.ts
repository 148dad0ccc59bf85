/**
 * What `who-can` and `can` share: the RBAC of the loaded estate (the same index the rules use), and each grant told
 * as the chain that gives it: binding → role → rule, each with its file:line, or the default policy it comes from.
 */
import type { FieldPath, SourceRef } from '../model/object.js';
import { buildEstate } from '../model/estate.js';
import type { LoadResult } from '../load/index.js';
import { rbacOfEstate, type ClusterRbac } from '../rbac/estate-rbac.js';
import { formatSubject } from '../rbac/subject.js';
import type { Grant, RbacObjectRef } from '../rbac/types.js';

export interface RbacFlags {
  format: string;
  kubernetesVersion?: string;
}

export const RBAC_OUTPUT_FORMATS = ['text', 'json'] as const;

/**
 * The RBAC of each cluster of the input, with the default policy of `kubernetesVersion` (--kubernetes-version) or,
 * without it, of the version each live cluster's API server reported (LoadResult.kubernetesVersions).
 */
export function clustersOf(loaded: LoadResult, kubernetesVersion: string | undefined): ClusterRbac[] {
  const estate = buildEstate(loaded.objects);
  const reported = kubernetesVersion === undefined ? loaded.kubernetesVersions : undefined;
  // Listed at the first version that applies (one build for one cluster); another cluster's is built at its own
  // (rbacOfEstate keeps one per version).
  const first = kubernetesVersion ?? reported?.values().next().value;
  const clusters = rbacOfEstate(estate, first);
  if (reported === undefined) return clusters;
  return clusters.map((entry) => {
    const own = entry.cluster === undefined ? undefined : reported.get(entry.cluster);
    return own === first ? entry : (rbacOfEstate(estate, own).find((other) => other.cluster === entry.cluster) ?? entry);
  });
}

/** An object of the chain as JSON reports it. */
export interface ChainObject {
  kind: string;
  name: string;
  namespace?: string;
  /** `file:line` of the object, or the pseudo-file of the default policy (`<kubernetes default policy v1.30>`). */
  source: string;
  default: boolean;
}

export interface ChainRule {
  /** The index of the rule in the role it is written in. */
  index: number;
  /** Where the rule is written: the role itself, or the ClusterRole an aggregated role gathered it from. */
  in: ChainObject;
  source: string;
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

export interface Chain {
  subject: string;
  /** `cluster-wide`, or `namespace NAME`. */
  scope: string;
  binding: ChainObject;
  role: ChainObject;
  rule: ChainRule;
  /** The binding or role belongs to the cluster itself (bootstrap policy, system components). */
  platform: boolean;
  /** Set for system:masters, whom the authorizer allows before RBAC is asked. */
  bypass?: string;
}

type Locate = (source: SourceRef, path: FieldPath) => { file: string; line: number };

export function chainOf(grant: Grant, rbac: ClusterRbac, locate: Locate): Chain {
  const origin = grant.via.ruleOrigin;
  const chain: Chain = {
    subject: formatSubject(grant.subject),
    scope: grant.scope.namespace === undefined ? 'cluster-wide' : `namespace ${grant.scope.namespace}`,
    binding: chainObject(grant.via.binding, locate),
    role: chainObject(grant.via.role, locate),
    rule: {
      index: origin.ruleIndex,
      in: chainObject(origin.role, locate),
      source: sourceOf(origin.role, locate, ['rules', origin.ruleIndex]),
      verbs: grant.verbs,
      apiGroups: grant.apiGroups,
      resources: grant.resources,
      resourceNames: grant.resourceNames,
      nonResourceURLs: grant.nonResourceURLs,
    },
    platform: rbac.isPlatform(grant.via.binding),
  };
  if (grant.via.bypass !== undefined) chain.bypass = grant.via.bypass;
  return chain;
}

function chainObject(ref: RbacObjectRef, locate: Locate): ChainObject {
  const object: ChainObject = { kind: ref.kind, name: ref.name, source: sourceOf(ref, locate, []), default: ref.isDefault };
  if (ref.namespace !== undefined) object.namespace = ref.namespace;
  return object;
}

/** `file:line`, or the pseudo-file alone for objects no file holds (the default policy, the authorizer). */
function sourceOf(ref: RbacObjectRef, locate: Locate, path: FieldPath): string {
  if (ref.isDefault || ref.source.file.startsWith('<kubernetes')) return ref.source.file;
  const location = locate(ref.source, path);
  return `${location.file}:${location.line}`;
}

/** One chain on one line: `RoleBinding shop/x (a.yaml:3) → ClusterRole edit (<…>) → rule 4: create pods/exec (<…>)`. */
export function chainText(chain: Chain): string {
  if (chain.bypass !== undefined) return `member of system:masters: the authorizer allows every request before RBAC (${chain.binding.source})`;
  const rule = chain.rule;
  const gathered = sameObject(rule.in, chain.role) ? '' : ` of ${objectName(rule.in)}`;
  const ruleSource = rule.source === chain.role.source && gathered === '' ? '' : ` (${rule.source})`;
  return `${objectName(chain.binding)} (${chain.binding.source}) → ${objectName(chain.role)} (${chain.role.source}) → rule ${rule.index}${gathered}: ${ruleText(rule)}${ruleSource}`;
}

export function objectName(object: ChainObject): string {
  return `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
}

function sameObject(a: ChainObject, b: ChainObject): boolean {
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

/** `create,get pods/exec`, `get deployments.apps (names: web)`, `get /healthz`. */
export function ruleText(rule: Pick<ChainRule, 'verbs' | 'apiGroups' | 'resources' | 'resourceNames' | 'nonResourceURLs'>): string {
  const verbs = rule.verbs.join(',');
  if (rule.resources.length === 0) return `${verbs} ${rule.nonResourceURLs.join(',')}`;
  const groups = rule.apiGroups.filter((group) => group !== '');
  const resources = rule.resources.map((resource) => (groups.length === 0 ? resource : groups.map((group) => qualified(resource, group)).join(',')));
  if (rule.apiGroups.includes('') && groups.length > 0) resources.unshift(...rule.resources);
  const names = rule.resourceNames.length > 0 ? ` (names: ${rule.resourceNames.join(', ')})` : '';
  return `${verbs} ${[...new Set(resources)].join(',')}${names}`;
}

function qualified(resource: string, group: string): string {
  const slash = resource.indexOf('/');
  return slash < 0 ? `${resource}.${group}` : `${resource.slice(0, slash)}.${group}${resource.slice(slash)}`;
}

/** Clusters are introduced by name only when the input names them. */
export function clusterHeading(rbac: ClusterRbac, clusters: readonly ClusterRbac[]): string {
  return clusters.length > 1 || rbac.cluster !== undefined ? `cluster ${rbac.cluster ?? '(unnamed)'}\n` : '';
}

