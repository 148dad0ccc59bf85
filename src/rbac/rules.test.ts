import { describe, expect, it } from 'vitest';
import { nonResourceURLMatches, ruleAllowsNonResource, ruleAllowsResource, type MatchableResourceRequest } from './rules.js';
import type { PolicyRule } from './types.js';

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...partial };
}

function request(partial: Partial<MatchableResourceRequest>): MatchableResourceRequest {
  return { verb: 'get', group: '', resource: 'pods', subresource: '', name: '', ...partial };
}

describe('resource matching', () => {
  const podsRule = rule({ verbs: ['create', 'get'], apiGroups: [''], resources: ['pods'] });

  it('a rule for pods does not reach pods/exec', () => {
    expect(ruleAllowsResource(podsRule, request({ verb: 'create' }))).toBe(true);
    expect(ruleAllowsResource(podsRule, request({ verb: 'create', subresource: 'exec' }))).toBe(false);
  });

  it('*/exec reaches the exec subresource of any resource but not the resource itself', () => {
    const anyExec = rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] });
    expect(ruleAllowsResource(anyExec, request({ verb: 'create', subresource: 'exec' }))).toBe(true);
    expect(ruleAllowsResource(anyExec, request({ verb: 'create', resource: 'nodes', subresource: 'exec' }))).toBe(true);
    expect(ruleAllowsResource(anyExec, request({ verb: 'create' }))).toBe(false);
    expect(ruleAllowsResource(anyExec, request({ verb: 'create', subresource: 'attach' }))).toBe(false);
  });

  it('pods/* is not a wildcard: it matches only a subresource literally named *', () => {
    const podsSlashStar = rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] });
    expect(ruleAllowsResource(podsSlashStar, request({ verb: 'create', subresource: 'exec' }))).toBe(false);
    expect(ruleAllowsResource(podsSlashStar, request({ verb: 'create', subresource: '*' }))).toBe(true);
  });

  it('resource and subresource are compared whole: neither a look-alike nor a prefix of either reaches pods/exec', () => {
    const lookAlikes = rule({ verbs: ['create'], apiGroups: [''], resources: ['podsXexec', 'podZ/exec', 'X/exec', 'pods/exeX', 'pods/exe', 'pod/exec', '*Xexec', '*/exeX', '*/exe', 'pods/execs'] });
    expect(ruleAllowsResource(lookAlikes, request({ verb: 'create', subresource: 'exec' }))).toBe(false);
    expect(ruleAllowsResource(rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), request({ verb: 'create', subresource: 'exec' }))).toBe(true);
  });

  it('* resources reach subresources too', () => {
    const everything = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllowsResource(everything, request({ verb: 'get', resource: 'nodes', subresource: 'proxy' }))).toBe(true);
  });

  it('the core group is "", which a rule for apps does not include; * includes every group', () => {
    const appsPods = rule({ verbs: ['create'], apiGroups: ['apps'], resources: ['pods'] });
    const anyGroupPods = rule({ verbs: ['create'], apiGroups: ['*'], resources: ['pods'] });
    expect(ruleAllowsResource(appsPods, request({ verb: 'create' }))).toBe(false);
    expect(ruleAllowsResource(anyGroupPods, request({ verb: 'create' }))).toBe(true);
    expect(ruleAllowsResource(anyGroupPods, request({ verb: 'create', group: 'metrics.k8s.io' }))).toBe(true);
  });

  it('a rule without apiGroups matches nothing, even for core resources', () => {
    const noGroups = rule({ verbs: ['get'], resources: ['secrets'] });
    expect(ruleAllowsResource(noGroups, request({ resource: 'secrets' }))).toBe(false);
  });

  it('verbs: * matches any verb, including bind and escalate', () => {
    const anyVerb = rule({ verbs: ['*'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] });
    const clusterroles = { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' };
    expect(ruleAllowsResource(anyVerb, request({ ...clusterroles, verb: 'escalate' }))).toBe(true);
    expect(ruleAllowsResource(rule({ ...anyVerb, verbs: ['update'] }), request({ ...clusterroles, verb: 'escalate' }))).toBe(false);
  });
});

describe('resourceNames', () => {
  const oneSecret = rule({ verbs: ['get', 'list', 'create', 'delete', 'deletecollection'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] });

  it('allows the named object only', () => {
    expect(ruleAllowsResource(oneSecret, request({ resource: 'secrets', name: 'db' }))).toBe(true);
    expect(ruleAllowsResource(oneSecret, request({ resource: 'secrets', name: 'other' }))).toBe(false);
  });

  it('never allows requests without a name: create, list, deletecollection', () => {
    for (const verb of ['create', 'list', 'deletecollection']) {
      expect(ruleAllowsResource(oneSecret, request({ verb, resource: 'secrets' }))).toBe(false);
    }
    // Without resourceNames the same verbs are allowed.
    expect(ruleAllowsResource({ ...oneSecret, resourceNames: [] }, request({ verb: 'create', resource: 'secrets' }))).toBe(true);
  });
});

describe('nonResourceURLs', () => {
  it('a trailing * matches by prefix; anything else exactly', () => {
    const healthz = rule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] });
    expect(nonResourceURLMatches(healthz, '/healthz')).toBe(true);
    expect(nonResourceURLMatches(healthz, '/healthz/etcd')).toBe(false);
    expect(nonResourceURLMatches(healthz, '/apis/apps/v1')).toBe(true);
    expect(nonResourceURLMatches(healthz, '/apis')).toBe(false);
    // The prefix is plain text, not a path segment: /apis* would also match /apisx.
    expect(nonResourceURLMatches(rule({ nonResourceURLs: ['/apis*'] }), '/apisx')).toBe(true);
  });

  it('needs the verb too', () => {
    const metrics = rule({ verbs: ['get'], nonResourceURLs: ['/metrics'] });
    expect(ruleAllowsNonResource(metrics, 'get', '/metrics')).toBe(true);
    expect(ruleAllowsNonResource(metrics, 'post', '/metrics')).toBe(false);
  });

  it('resource rules never allow URLs', () => {
    const everythingButUrls = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllowsNonResource(everythingButUrls, 'get', '/metrics')).toBe(false);
  });
});
