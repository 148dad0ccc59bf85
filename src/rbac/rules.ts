/**
 * Rule matching exactly as the RBAC authorizer does it (pkg/apis/rbac/v1/evaluation_helpers.go and
 * plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows). The surprises are kept on purpose:
 * - `pods` does not match `pods/exec`; only `*` and `*\/exec` reach a subresource besides the exact name;
 * - `pods/*` is not a wildcard: it matches only a subresource literally named `*`;
 * - a non-empty resourceNames list never matches a request without a name (create, list, watch, deletecollection);
 * - a nonResourceURL ending in `*` matches by prefix, everything else exactly.
 */
import { asArray, isRecord } from '../model/json.js';
import type { PolicyRule } from './types.js';

export const WILDCARD = '*';

/** A request after normalisation: group resolved, subresource split off, namespace settled. */
export interface MatchableResourceRequest {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  name: string;
}

export function readPolicyRule(raw: unknown): PolicyRule | undefined {
  if (!isRecord(raw)) return undefined;
  return {
    verbs: strings(raw.verbs),
    apiGroups: strings(raw.apiGroups),
    resources: strings(raw.resources),
    resourceNames: strings(raw.resourceNames),
    nonResourceURLs: strings(raw.nonResourceURLs),
  };
}

function strings(value: unknown): string[] {
  return asArray(value).filter((entry): entry is string => typeof entry === 'string');
}

// The matchers below are plain loops that build no strings: a scan of a large cluster calls them millions of times,
// and what they allocated was a good part of its garbage collection.

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const ruleVerb of rule.verbs) if (ruleVerb === WILDCARD || ruleVerb === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const ruleGroup of rule.apiGroups) if (ruleGroup === WILDCARD || ruleGroup === group) return true;
  return false;
}

export function combinedResource(resource: string, subresource: string): string {
  return subresource === '' ? resource : `${resource}/${subresource}`;
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === WILDCARD) return true;
    if (subresource === '') {
      if (ruleResource === resource) return true;
    } else if (isSlashPair(ruleResource, resource, subresource) || isSlashPair(ruleResource, WILDCARD, subresource)) return true;
  }
  return false;
}

/** `text === \`${head}/${tail}\``, without building the right-hand side. */
function isSlashPair(text: string, head: string, tail: string): boolean {
  return text.length === head.length + 1 + tail.length && text.charCodeAt(head.length) === SLASH && text.startsWith(head) && text.endsWith(tail);
}

const SLASH = 0x2f;

/** The request's verb, group and resource, whatever name it carries (resourceNames are not asked). */
export function ruleAllowsResourceAnyName(rule: PolicyRule, request: MatchableResourceRequest): boolean {
  return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.group) && resourceMatches(rule, request.resource, request.subresource);
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  for (const ruleURL of rule.nonResourceURLs) {
    if (ruleURL === WILDCARD || ruleURL === url) return true;
    if (ruleURL.endsWith(WILDCARD) && url.startsWith(trimTrailingStars(ruleURL))) return true;
  }
  return false;
}

/** Go's strings.TrimRight(url, "*"): every trailing star goes. */
export function trimTrailingStars(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === WILDCARD) end -= 1;
  return url.slice(0, end);
}

export function ruleAllowsResource(rule: PolicyRule, request: MatchableResourceRequest): boolean {
  return ruleAllowsResourceAnyName(rule, request) && resourceNameMatches(rule, request.name);
}

export function ruleAllowsNonResource(rule: PolicyRule, verb: string, url: string): boolean {
  return verbMatches(rule, verb) && nonResourceURLMatches(rule, url);
}

/** Semantic equality of two rules, as the aggregation controller dedupes them (lists compared in order). */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return (
    sameList(a.verbs, b.verbs) &&
    sameList(a.apiGroups, b.apiGroups) &&
    sameList(a.resources, b.resources) &&
    sameList(a.resourceNames, b.resourceNames) &&
    sameList(a.nonResourceURLs, b.nonResourceURLs)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry === b[index]);
}
