/**
 * Finds the role rules that allow a request without scanning them: resource rules are filed under every
 * (verb, apiGroup, resource) they literally name, wildcards included, so a request looks up only the few keys
 * that could match it: its verb or `*`, its group or `*`, its resource, `*` or `*\/subresource`. Rules of namespaced
 * Roles are filed under their namespace too, since a Role grants only there: a request in one namespace never looks
 * at the Roles of the thousands of others.
 */
import type { NormalizedRequest } from './request.js';
import { WILDCARD, combinedResource, resourceNameMatches, trimTrailingStars } from './rules.js';
import { ANY_NAMESPACE, type EffectiveRole } from './types.js';

export interface RuleLocation {
  roleKey: string;
  ruleIndex: number;
}

/** Matching rule indices per role key. */
export type RuleMatches = Map<string, number[]>;

interface UrlRules {
  exact: Map<string, RuleLocation[]>;
  prefixed: Array<{ prefix: string; location: RuleLocation }>;
}

export class RuleLookup {
  /** By scope: '' for ClusterRoles, the namespace for Roles; then by (verb, group, resource). */
  private readonly resourceRules = new Map<string, Map<string, RuleLocation[]>>();
  private readonly urlRules = new Map<string, UrlRules>();

  constructor(private readonly roles: ReadonlyMap<string, EffectiveRole>) {
    for (const [roleKey, role] of roles) {
      role.rules.forEach((rule, ruleIndex) => {
        const location = { roleKey, ruleIndex };
        for (const verb of rule.verbs) {
          for (const group of rule.apiGroups) for (const resource of rule.resources) this.fileResource(scopeOf(role), verb, group, resource, location);
          for (const url of rule.nonResourceURLs) this.fileUrl(verb, url, location);
        }
      });
    }
  }

  private fileResource(scope: string, verb: string, group: string, resource: string, location: RuleLocation): void {
    let rules = this.resourceRules.get(scope);
    if (rules === undefined) {
      rules = new Map();
      this.resourceRules.set(scope, rules);
    }
    const key = resourceKey(verb, group, resource);
    const list = rules.get(key);
    if (list === undefined) rules.set(key, [location]);
    else list.push(location);
  }

  private fileUrl(verb: string, url: string, location: RuleLocation): void {
    let rules = this.urlRules.get(verb);
    if (rules === undefined) {
      rules = { exact: new Map(), prefixed: [] };
      this.urlRules.set(verb, rules);
    }
    if (url.endsWith(WILDCARD)) rules.prefixed.push({ prefix: trimTrailingStars(url), location });
    else {
      const list = rules.exact.get(url);
      if (list === undefined) rules.exact.set(url, [location]);
      else list.push(location);
    }
  }

  /** Rules that allow the request by verb, group, resource and name; scope is the bindings' business. */
  match(request: NormalizedRequest): RuleMatches {
    const matches: RuleMatches = new Map();
    const add = (location: RuleLocation) => {
      const list = matches.get(location.roleKey);
      if (list === undefined) matches.set(location.roleKey, [location.ruleIndex]);
      else if (!list.includes(location.ruleIndex)) list.push(location.ruleIndex);
    };
    for (const verb of unique([request.verb, WILDCARD])) {
      if (request.kind === 'non-resource') {
        const rules = this.urlRules.get(verb);
        if (rules === undefined) continue;
        rules.exact.get(request.url)?.forEach(add);
        for (const { prefix, location } of rules.prefixed) if (request.url.startsWith(prefix)) add(location);
        continue;
      }
      const resources = [combinedResource(request.resource, request.subresource), WILDCARD];
      if (request.subresource !== '') resources.push(`*/${request.subresource}`);
      for (const rules of this.scopesFor(request.namespace)) {
        for (const group of unique([request.group, WILDCARD])) {
          for (const resource of unique(resources)) {
            for (const location of rules.get(resourceKey(verb, group, resource)) ?? []) {
              const rule = this.roles.get(location.roleKey)?.rules[location.ruleIndex];
              if (rule !== undefined && resourceNameMatches(rule, request.name)) add(location);
            }
          }
        }
      }
    }
    for (const list of matches.values()) list.sort((a, b) => a - b);
    return matches;
  }

  private scopesFor(namespace: string | undefined): Array<Map<string, RuleLocation[]>> {
    const clusterWide = this.resourceRules.get('');
    if (namespace === ANY_NAMESPACE) return [...this.resourceRules.values()];
    const own = namespace === undefined || namespace === '' ? undefined : this.resourceRules.get(namespace);
    return [clusterWide, own].filter((rules): rules is Map<string, RuleLocation[]> => rules !== undefined);
  }
}

/**
 * The filed rules that can reach a request's namespace: ClusterRoles always; Roles of that namespace; every Role for
 * "any namespace"; none for a cluster-scoped request (a Role is bound only by RoleBindings, which never reach one).
 */
function scopeOf(role: EffectiveRole): string {
  return role.ref.kind === 'Role' ? (role.ref.namespace ?? '') : '';
}

function resourceKey(verb: string, group: string, resource: string): string {
  return `${verb}\u0000${group}\u0000${resource}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
