/**
 * Finds the role rules that allow a request without scanning them: resource rules are filed under every
 * (verb, apiGroup, resource) they literally name, wildcards included, so a request looks up only the few keys
 * that could match it: its verb or `*`, its group or `*`, its resource, `*` or `*\/subresource`. Rules of namespaced
 * Roles are filed under their namespace too, since a Role grants only there: a request in one namespace never looks
 * at the Roles of the thousands of others.
 */
import type { NormalizedRequest } from './request.js';
import { RequestMemo } from './request-memo.js';
import { WILDCARD, combinedResource, resourceNameMatches, trimTrailingStars, type MatchableResourceRequest } from './rules.js';
import { ANY_NAMESPACE, type EffectiveRole, type PolicyRule } from './types.js';

export interface RuleLocation {
  roleKey: string;
  ruleIndex: number;
  rule: PolicyRule;
}

/** Matching rule indices per role key. */
export type RuleMatches = Map<string, number[]>;

/** A role whose rules allow a request: the verb pass it was first found in (0: the verb, 1: `*`), and every rule. */
export interface RoleMatch {
  roleKey: string;
  pass: number;
  /** Ascending. */
  ruleIndexes: number[];
}

/** Rules filed by verb, then group, then resource, as the rules write them: lookups build no key strings. */
type FiledRules = Map<string, Map<string, Map<string, RuleLocation[]>>>;

interface UrlRules {
  exact: Map<string, RuleLocation[]>;
  prefixed: Array<{ prefix: string; location: RuleLocation }>;
}

/**
 * The resource rules of one scope. The cluster scope and scopes with many rules are filed by verb, group and
 * resource; a namespace's few Roles are searched rule by rule, which finds the same rules in the same order: three
 * levels of maps for each of 3,000 namespaces were 5 MB at 50,000 pods, to spare a look at three rules.
 */
interface ScopeRules {
  filed?: FiledRules;
  /** Every rule that files under some verb, group and resource, in filing order. */
  locations: RuleLocation[];
}

/** Scopes with more rules than this are filed. */
const SEARCHED_RULES = 16;

export class RuleLookup {
  /** By scope: '' for ClusterRoles, the namespace for Roles; in the order scopes first file a rule. */
  private readonly resourceRules = new Map<string, ScopeRules>();
  private readonly urlRules = new Map<string, UrlRules>();
  /**
   * The ClusterRole rules that allow a request whatever its name, by verb, group, resource and subresource: every
   * question about one of 3,000 namespaces (or 6,000 Secrets) asks the same of the ClusterRoles (Roles, a handful per
   * namespace, are looked up). A name only removes rules limited to other names.
   */
  private readonly clusterWideAnswers = new RequestMemo<{ locations: RuleLocation[]; someNamed: boolean }>();

  /** @param searchedRules namespaces with at most this many rules are searched rule by rule rather than filed. */
  constructor(roles: ReadonlyMap<string, EffectiveRole>, searchedRules = SEARCHED_RULES) {
    for (const [roleKey, role] of roles) {
      role.rules.forEach((rule, ruleIndex) => {
        const location = { roleKey, ruleIndex, rule };
        if (rule.verbs.length > 0 && rule.apiGroups.length > 0 && rule.resources.length > 0) child(this.resourceRules, scopeOf(role), () => ({ locations: [] })).locations.push(location);
        for (const verb of rule.verbs) for (const url of rule.nonResourceURLs) this.fileUrl(verb, url, location);
      });
    }
    this.resourceRules.forEach((scope, name) => {
      if (name !== '' && scope.locations.length <= searchedRules) {
        scope.locations = scope.locations.slice(); // kept: its length, not the room a growing list leaves
        return;
      }
      const filed: FiledRules = new Map();
      for (const location of scope.locations)
        for (const verb of location.rule.verbs)
          for (const group of location.rule.apiGroups) for (const resource of location.rule.resources) fileResource(filed, verb, group, resource, location);
      scope.filed = filed;
    });
  }

  private fileUrl(verb: string, url: string, location: RuleLocation): void {
    const rules = child(this.urlRules, verb, () => ({ exact: new Map(), prefixed: [] }));
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
    const verbs = verbPasses(request.verb);
    if (request.kind === 'non-resource') {
      for (const verb of verbs) {
        const rules = this.urlRules.get(verb);
        if (rules === undefined) continue;
        for (const location of rules.exact.get(request.url) ?? []) add(matches, location);
        for (const { prefix, location } of rules.prefixed) if (request.url.startsWith(prefix)) add(matches, location);
      }
    } else {
      // ClusterRoles, then the Roles of the request's namespace; every scope in filing order for "any namespace"; no
      // Role for a cluster-wide request (a Role is bound only by RoleBindings, which never reach one).
      const clusterScope = this.resourceRules.get('');
      const clusterWide = clusterScope?.filed;
      const { namespace } = request;
      const own = namespace === undefined || namespace === '' || namespace === ANY_NAMESPACE ? undefined : this.resourceRules.get(namespace);
      for (const verb of verbs) {
        if (namespace === ANY_NAMESPACE) {
          for (const scope of this.resourceRules.values())
            addAll(matches, scope === clusterScope && clusterWide !== undefined ? this.clusterWideLocations(clusterWide, verb, request) : locationsIn(scope, verb, request, true));
          continue;
        }
        if (clusterWide !== undefined) addAll(matches, this.clusterWideLocations(clusterWide, verb, request));
        if (own !== undefined) addAll(matches, locationsIn(own, verb, request, true));
      }
    }
    for (const list of matches.values()) if (list.length > 1) list.sort((a, b) => a - b);
    return matches;
  }

  /**
   * The ClusterRoles that allow a request in some namespace, in the order match() finds them, whatever the request's
   * name and namespace; undefined when a rule found is limited to resourceNames (the name then matters: ask match()).
   * Remembered per verb, group, resource and subresource.
   */
  clusterRoleMatches(request: MatchableResourceRequest): readonly RoleMatch[] | undefined {
    const clusterWide = this.resourceRules.get('')?.filed;
    if (clusterWide === undefined) return [];
    const passes = verbPasses(request.verb).map((verb) => this.clusterWideAnswer(clusterWide, verb, request));
    if (passes.some((answer) => answer.someNamed)) return undefined;
    return roleMatches(passes.map((answer) => answer.locations));
  }

  /** The Roles of the namespace that allow the request, in the order match() finds them after the ClusterRoles. */
  namespaceRoleMatches(request: MatchableResourceRequest, namespace: string): readonly RoleMatch[] {
    const own = this.resourceRules.get(namespace);
    if (own === undefined || namespace === '') return NO_ROLES;
    const passes = verbPasses(request.verb).map((verb) => locationsIn(own, verb, request, true));
    // Asked for each of 3,000 namespaces ten times: most answers are empty, and need no map to say so.
    return passes.every((locations) => locations.length === 0) ? NO_ROLES : roleMatches(passes);
  }

  /**
   * Whether some rule of the namespace's Roles that allows the request by verb, group and resource is limited to
   * resourceNames: only then can the request's name change what namespaceRoleMatches finds.
   */
  namespaceRulesLimitedToNames(request: MatchableResourceRequest, namespace: string): boolean {
    const own = this.resourceRules.get(namespace);
    if (own === undefined || namespace === '') return false;
    for (const verb of verbPasses(request.verb)) if (locationsIn(own, verb, request, false).some((location) => location.rule.resourceNames.length > 0)) return true;
    return false;
  }

  private clusterWideAnswer(rules: FiledRules, verb: string, request: MatchableResourceRequest): { locations: RuleLocation[]; someNamed: boolean } {
    const remembered = this.clusterWideAnswers.get(verb, request);
    if (remembered !== undefined) return remembered.value;
    const locations = filedLocationsIn(rules, verb, request, false);
    const answer = { locations, someNamed: locations.some((location) => location.rule.resourceNames.length > 0) };
    this.clusterWideAnswers.set(verb, request, answer);
    return answer;
  }

  private clusterWideLocations(rules: FiledRules, verb: string, request: MatchableResourceRequest): RuleLocation[] {
    const answer = this.clusterWideAnswer(rules, verb, request);
    return answer.someNamed ? answer.locations.filter((location) => resourceNameMatches(location.rule, request.name)) : answer.locations;
  }
}

/** The verbs a request is looked up under, in order: its own, then `*`. */
function verbPasses(verb: string): readonly string[] {
  return verb === WILDCARD ? ONLY_WILDCARD : [verb, WILDCARD];
}

/** Roles in the order their first rule is found, pass after pass, with every rule index found (as match() adds them). */
function roleMatches(passes: ReadonlyArray<readonly RuleLocation[]>): RoleMatch[] {
  const byRole = new Map<string, RoleMatch>();
  const found: RoleMatch[] = [];
  passes.forEach((locations, pass) => {
    for (const { roleKey, ruleIndex } of locations) {
      const match = byRole.get(roleKey);
      if (match === undefined) {
        const created = { roleKey, pass, ruleIndexes: [ruleIndex] };
        byRole.set(roleKey, created);
        found.push(created);
      } else if (!match.ruleIndexes.includes(ruleIndex)) match.ruleIndexes.push(ruleIndex);
    }
  });
  for (const match of found) if (match.ruleIndexes.length > 1) match.ruleIndexes.sort((a, b) => a - b);
  return found;
}

const ONLY_WILDCARD = [WILDCARD];
const NO_ROLES: readonly RoleMatch[] = [];

function addAll(matches: RuleMatches, locations: readonly RuleLocation[]): void {
  for (const location of locations) add(matches, location);
}

function add(matches: RuleMatches, location: RuleLocation): void {
  const list = matches.get(location.roleKey);
  if (list === undefined) matches.set(location.roleKey, [location.ruleIndex]);
  else if (!list.includes(location.ruleIndex)) list.push(location.ruleIndex);
}

/**
 * The rules of one scope that allow the verb on the request's group, resource and (if `byName`) name, in filing
 * order: under its group or `*`, then its resource (with subresource), `*` or `*\/subresource`.
 */
function locationsIn(scope: ScopeRules, verb: string, request: MatchableResourceRequest, byName: boolean): RuleLocation[] {
  if (scope.filed !== undefined) return filedLocationsIn(scope.filed, verb, request, byName);
  // Rule by rule, each found as many times as it is filed under the key (a rule may repeat a verb).
  const found: RuleLocation[] = [];
  const combined = combinedResource(request.resource, request.subresource);
  const starSub = request.subresource === '' ? undefined : `*/${request.subresource}`;
  const name = byName ? request.name : undefined;
  for (const group of request.group === WILDCARD ? ONLY_WILDCARD : [request.group, WILDCARD]) {
    collectFiledUnder(found, scope.locations, verb, group, combined, name);
    if (combined !== WILDCARD) collectFiledUnder(found, scope.locations, verb, group, WILDCARD, name);
    if (starSub !== undefined && starSub !== combined) collectFiledUnder(found, scope.locations, verb, group, starSub, name);
  }
  return found;
}

function collectFiledUnder(found: RuleLocation[], locations: readonly RuleLocation[], verb: string, group: string, resource: string, name: string | undefined): void {
  for (const location of locations) {
    const { rule } = location;
    const times = occurrences(rule.verbs, verb) * occurrences(rule.apiGroups, group) * occurrences(rule.resources, resource);
    if (times > 0 && (name === undefined || resourceNameMatches(rule, name))) for (let time = 0; time < times; time++) found.push(location);
  }
}

function occurrences(values: readonly string[], value: string): number {
  let count = 0;
  for (const entry of values) if (entry === value) count++;
  return count;
}

/** locationsIn for a filed scope: the few keys that could match are looked up. */
function filedLocationsIn(rules: FiledRules, verb: string, request: MatchableResourceRequest, byName: boolean): RuleLocation[] {
  const found: RuleLocation[] = [];
  const byGroup = rules.get(verb);
  if (byGroup === undefined) return found;
  const combined = combinedResource(request.resource, request.subresource);
  const starSub = request.subresource === '' ? undefined : `*/${request.subresource}`;
  for (const group of request.group === WILDCARD ? ONLY_WILDCARD : [request.group, WILDCARD]) {
    const byResource = byGroup.get(group);
    if (byResource === undefined) continue;
    const name = byName ? request.name : undefined;
    collect(found, byResource.get(combined), name);
    if (combined !== WILDCARD) collect(found, byResource.get(WILDCARD), name);
    if (starSub !== undefined && starSub !== combined) collect(found, byResource.get(starSub), name);
  }
  return found;
}

/** `name` undefined: whatever the name. */
function collect(found: RuleLocation[], locations: readonly RuleLocation[] | undefined, name: string | undefined): void {
  if (locations === undefined) return;
  for (const location of locations) if (name === undefined || resourceNameMatches(location.rule, name)) found.push(location);
}

/**
 * The filed rules that can reach a request's namespace: ClusterRoles always; Roles of that namespace; every Role for
 * "any namespace"; none for a cluster-scoped request (a Role is bound only by RoleBindings, which never reach one).
 */
function scopeOf(role: EffectiveRole): string {
  return role.ref.kind === 'Role' ? (role.ref.namespace ?? '') : '';
}

function child<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function fileResource(filed: FiledRules, verb: string, group: string, resource: string, location: RuleLocation): void {
  const byGroup = child(filed, verb, () => new Map<string, Map<string, RuleLocation[]>>());
  const byResource = child(byGroup, group, () => new Map<string, RuleLocation[]>());
  const list = byResource.get(resource);
  if (list === undefined) byResource.set(resource, [location]);
  else list.push(location);
}
