/**
 * What each identity may do that matters to an attacker, per scope (cluster-wide or one namespace), read once from
 * the RBAC engine's grants. A role's rule is probed once and shared by every binding of the role, so the work is
 * linear in bindings × rules. The edge modules turn these capabilities into edges (rbac-*.ts, wl-*.ts, adm-*.ts).
 */
import { POD_CONTROLLERS } from '../rbac/pod-controllers.js';
import { isClusterScoped, type EffectiveRole, type Grant, type PolicyRule, type Subject } from '../rbac/index.js';
import { grantOfBindingRule } from '../rbac/grants.js';
import { ruleAllowsResource } from '../rbac/rules.js';
import type { BuildContext } from './context.js';

export type Capability =
  | 'create-workloads'
  | 'change-controllers'
  | 'change-pods'
  | 'exec'
  | 'exec-by-get'
  | 'attach'
  | 'ephemeral-containers'
  | 'list-secrets'
  | 'get-secrets'
  | 'create-secrets'
  | 'read-configmaps'
  | 'create-tokens'
  | 'impersonate-users'
  | 'impersonate-groups'
  | 'impersonate-serviceaccounts'
  | 'bind-clusterroles'
  | 'bind-roles'
  | 'escalate-clusterroles'
  | 'escalate-roles'
  | 'write-clusterrolebindings'
  | 'write-rolebindings'
  | 'write-clusterroles'
  | 'write-roles'
  | 'nodes-proxy'
  | 'create-csr'
  | 'approve-csr'
  | 'approve-signers'
  | 'write-mutating-webhooks'
  | 'write-validating-webhooks'
  | 'everything';

interface Probe {
  verbs: readonly string[];
  /** [group, resource, subresource] */
  resources: ReadonlyArray<readonly [string, string, string?]>;
}

const CHANGE = ['create', 'update', 'patch'];
const UPDATE = ['update', 'patch'];
const CONTROLLERS = POD_CONTROLLERS;
const RBAC = 'rbac.authorization.k8s.io';
const CERTIFICATES = 'certificates.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';

export const PROBES: Readonly<Record<Exclude<Capability, 'everything'>, Probe>> = {
  'create-workloads': { verbs: ['create'], resources: [['', 'pods'], ...CONTROLLERS] },
  'change-controllers': { verbs: UPDATE, resources: CONTROLLERS },
  'change-pods': { verbs: UPDATE, resources: [['', 'pods']] },
  exec: { verbs: ['create'], resources: [['', 'pods', 'exec']] },
  'exec-by-get': { verbs: ['get'], resources: [['', 'pods', 'exec']] },
  attach: { verbs: ['create'], resources: [['', 'pods', 'attach']] },
  'ephemeral-containers': { verbs: UPDATE, resources: [['', 'pods', 'ephemeralcontainers']] },
  'list-secrets': { verbs: ['list', 'watch'], resources: [['', 'secrets']] },
  'get-secrets': { verbs: ['get'], resources: [['', 'secrets']] },
  'create-secrets': { verbs: ['create'], resources: [['', 'secrets']] },
  'read-configmaps': { verbs: ['get', 'list', 'watch'], resources: [['', 'configmaps']] },
  'create-tokens': { verbs: ['create'], resources: [['', 'serviceaccounts', 'token']] },
  'impersonate-users': { verbs: ['impersonate'], resources: [['', 'users']] },
  'impersonate-groups': { verbs: ['impersonate'], resources: [['', 'groups']] },
  'impersonate-serviceaccounts': { verbs: ['impersonate'], resources: [['', 'serviceaccounts']] },
  'bind-clusterroles': { verbs: ['bind'], resources: [[RBAC, 'clusterroles']] },
  'bind-roles': { verbs: ['bind'], resources: [[RBAC, 'roles']] },
  'escalate-clusterroles': { verbs: ['escalate'], resources: [[RBAC, 'clusterroles']] },
  'escalate-roles': { verbs: ['escalate'], resources: [[RBAC, 'roles']] },
  'write-clusterrolebindings': { verbs: CHANGE, resources: [[RBAC, 'clusterrolebindings']] },
  'write-rolebindings': { verbs: CHANGE, resources: [[RBAC, 'rolebindings']] },
  'write-clusterroles': { verbs: UPDATE, resources: [[RBAC, 'clusterroles']] },
  'write-roles': { verbs: UPDATE, resources: [[RBAC, 'roles']] },
  // A websocket get is enough to exec through the kubelet (RBAC good practices: "get on nodes/proxy is not read-only").
  'nodes-proxy': { verbs: ['get', 'create'], resources: [['', 'nodes', 'proxy']] },
  'create-csr': { verbs: ['create'], resources: [[CERTIFICATES, 'certificatesigningrequests']] },
  'approve-csr': { verbs: UPDATE, resources: [[CERTIFICATES, 'certificatesigningrequests', 'approval']] },
  'approve-signers': { verbs: ['approve'], resources: [[CERTIFICATES, 'signers']] },
  'write-mutating-webhooks': { verbs: CHANGE, resources: [[ADMISSION, 'mutatingwebhookconfigurations']] },
  'write-validating-webhooks': { verbs: CHANGE, resources: [[ADMISSION, 'validatingwebhookconfigurations']] },
};

/** A capability as held: the grants that give it, and the names it is limited to (undefined: every name). */
export interface Held {
  grants: Grant[];
  names?: string[];
}

export interface IdentityPermissions {
  subject: Subject;
  node: number;
  /** '' = cluster-wide; otherwise the namespace a RoleBinding grants in. */
  scopes: Map<string, Map<Capability, Held>>;
}

export const CLUSTER_SCOPE = '';

export interface RuleCapability {
  capability: Capability;
  names?: string[];
}

export function computePermissions(context: BuildContext): IdentityPermissions[] {
  const bySubject = new Map<string, IdentityPermissions>();
  // Grants of one binding share their subject objects: the joined key is built once per subject object.
  const bySubjectObject = new Map<Subject, IdentityPermissions>();
  const capable = capableRules();
  for (const rbac of context.rbac()) {
    const bindings = rbac.bindings();
    for (let index = 0; index < bindings.length; index++) {
      const binding = bindings[index];
      if (binding.role === undefined) continue;
      const namespaced = binding.namespace !== undefined;
      const rules = capable(binding.role, namespaced);
      if (rules.length === 0) continue;
      // In the order of rbac.grantsOfBinding: by subject, then by rule.
      for (let subjectIndex = 0; subjectIndex < binding.subjects.length; subjectIndex++) {
        for (let item = 0; item < rules.length; item++) {
          const grant = grantOfBindingRule(binding, binding.subjects[subjectIndex], rules[item].ruleIndex);
          if (grant === undefined) continue;
          const capabilities = (rules[item].granted ??= capabilitiesOf(grant, namespaced));
          if (capabilities.length === 0) continue;
          let permissions = bySubjectObject.get(grant.subject);
          if (permissions === undefined) {
            const key = `${grant.subject.kind}/${'namespace' in grant.subject ? grant.subject.namespace : ''}/${grant.subject.name}`;
            permissions = bySubject.get(key);
            if (permissions === undefined) bySubject.set(key, (permissions = { subject: grant.subject, node: context.identity(grant.subject), scopes: new Map() }));
            bySubjectObject.set(grant.subject, permissions);
          }
          const scopeKey = grant.scope.namespace ?? CLUSTER_SCOPE;
          let scope = permissions.scopes.get(scopeKey);
          if (scope === undefined) permissions.scopes.set(scopeKey, (scope = new Map()));
          for (let index = 0; index < capabilities.length; index++) hold(scope, capabilities[index].capability, grant, capabilities[index].names);
        }
      }
    }
  }
  return [...bySubject.values()];
}

/** A rule of a role that may give a capability, and what its grants give, found with the first of them. */
interface CapableRule {
  ruleIndex: number;
  /**
   * The capabilities of the rule as granted, the same for every binding of the role in the same kind of scope (the
   * grants of a role's rule are the same rule for every subject): probed once, not once per grant.
   */
  granted: RuleCapability[] | undefined;
}

/**
 * The rules of a role that may give a capability, per role and scope kind. A rule as granted is the role's rule or
 * less of it (inside a namespace, without cluster-scoped resources), so a rule that gives nothing as written gives
 * nothing granted: its grants are never made (most rules of most roles read harmless resources).
 */
function capableRules(): (role: EffectiveRole, namespaced: boolean) => readonly CapableRule[] {
  const known = [new Map<EffectiveRole, CapableRule[]>(), new Map<EffectiveRole, CapableRule[]>()];
  return (role, namespaced) => {
    const byRole = known[namespaced ? 1 : 0];
    let rules = byRole.get(role);
    if (rules === undefined) {
      rules = [];
      for (let index = 0; index < role.rules.length; index++) if (capabilitiesOf(role.rules[index], namespaced).length > 0) rules.push({ ruleIndex: index, granted: undefined });
      byRole.set(role, rules);
    }
    return rules;
  };
}

/**
 * The grants of one role's rule share its arrays (rbac/grants.ts): their capabilities are found by the arrays'
 * identity before the rule's text is joined into a key (which, per grant, was most of computePermissions).
 */
const capabilitiesByVerbs = new WeakMap<readonly string[], Array<{ rule: PolicyRule; namespaced: boolean; capabilities: RuleCapability[] }>>();

function capabilitiesOf(rule: PolicyRule, namespaced: boolean): RuleCapability[] {
  let known = capabilitiesByVerbs.get(rule.verbs);
  if (known === undefined) capabilitiesByVerbs.set(rule.verbs, (known = []));
  for (const entry of known) {
    if (entry.namespaced === namespaced && entry.rule.apiGroups === rule.apiGroups && entry.rule.resources === rule.resources && entry.rule.resourceNames === rule.resourceNames) return entry.capabilities;
  }
  const capabilities = cachedCapabilities(rule, namespaced);
  // A handful of rules share one verbs array at most; past that, the text key alone decides.
  if (known.length < 8) known.push({ rule: { verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources, resourceNames: rule.resourceNames, nonResourceURLs: rule.nonResourceURLs }, namespaced, capabilities });
  return capabilities;
}

/**
 * What a rule allows depends on its text alone: the default policy's few hundred rules are probed once per process,
 * not once per analysis. Bounded, so that a long-lived process does not grow without end.
 */
const capabilityCache = new Map<string, RuleCapability[]>();
const CAPABILITY_CACHE_LIMIT = 50_000;

function cachedCapabilities(rule: PolicyRule, namespaced: boolean): RuleCapability[] {
  const key = `${namespaced ? 'n' : 'c'}\u0000${rule.verbs.join(',')}\u0000${rule.apiGroups.join(',')}\u0000${rule.resources.join(',')}\u0000${rule.resourceNames.join(',')}`;
  let capabilities = capabilityCache.get(key);
  if (capabilities === undefined) {
    if (capabilityCache.size >= CAPABILITY_CACHE_LIMIT) capabilityCache.clear();
    capabilityCache.set(key, (capabilities = capabilitiesOfRule(rule, namespaced)));
  }
  return capabilities;
}

function hold(scope: Map<Capability, Held>, capability: Capability, grant: Grant, names: string[] | undefined): void {
  const held = scope.get(capability);
  if (held === undefined) {
    scope.set(capability, names === undefined ? { grants: [grant] } : { grants: [grant], names: [...names] });
    return;
  }
  if (held.grants.length < 2) held.grants.push(grant);
  if (held.names === undefined) return;
  if (names === undefined) delete held.names;
  else held.names = [...new Set([...held.names, ...names])];
}

/** What one rule gives, probed afresh (the reference for the cached answers). */
export function capabilitiesOfRule(rule: PolicyRule, namespaced: boolean): RuleCapability[] {
  const found: RuleCapability[] = [];
  if (!namespaced && rule.verbs.includes('*') && rule.apiGroups.includes('*') && rule.resources.includes('*') && rule.resourceNames.length === 0) {
    found.push({ capability: 'everything' });
  }
  for (const [capability, probe] of Object.entries(PROBES) as Array<[Capability, Probe]>) {
    const allowed = probeRule(rule, probe, namespaced);
    if (allowed !== undefined) found.push(allowed === 'all' ? { capability } : { capability, names: allowed });
  }
  return found;
}

/** 'all' when the rule allows the probe for every name, the names when only for some, undefined when not at all. */
function probeRule(rule: PolicyRule, probe: Probe, namespaced: boolean): 'all' | string[] | undefined {
  let named = false;
  for (const [group, resource, subresource = ''] of probe.resources) {
    // A RoleBinding cannot grant cluster-scoped resources, whatever its role says.
    if (namespaced && isClusterScoped(group, resource)) continue;
    for (const verb of probe.verbs) {
      const request = { verb, group, resource, subresource, name: '' };
      if (ruleAllowsResource(rule, request)) return 'all';
      // Creating a top-level object carries no name; creating a subresource (serviceaccounts/token) names its parent.
      if (rule.resourceNames.length > 0 && !(verb === 'create' && subresource === '') && ruleAllowsResource(rule, { ...request, name: rule.resourceNames[0] })) named = true;
    }
  }
  return named ? [...rule.resourceNames] : undefined;
}

/** Calls `visit` for every identity and scope holding the capability, in the order of context.permissions(). */
export function forEachHolder(context: BuildContext, capability: Capability, visit: (identity: IdentityPermissions, scope: string, held: Held) => void): void {
  const holders = holdersOf(context).get(capability);
  if (holders === undefined) return;
  for (let index = 0; index < holders.identities.length; index++) visit(holders.identities[index], holders.scopes[index], holders.held[index]);
}

/** The holders of one capability, as three parallel lists (90,000 holders at 50,000 pods: no object for each). */
interface Holders {
  identities: IdentityPermissions[];
  scopes: string[];
  held: Held[];
}

/** Holders by capability, listed in one pass: some forty modules each walked every identity and scope for one. */
const holders = new WeakMap<BuildContext, Map<Capability, Holders>>();

function holdersOf(context: BuildContext): Map<Capability, Holders> {
  let index = holders.get(context);
  if (index === undefined) {
    const byCapability = new Map<Capability, Holders>();
    // forEach rather than for…of over entries: no [key, value] array per entry in this one-shot pass.
    for (const identity of context.permissions()) {
      identity.scopes.forEach((capabilities, scope) =>
        capabilities.forEach((held, capability) => {
          let list = byCapability.get(capability);
          if (list === undefined) byCapability.set(capability, (list = { identities: [], scopes: [], held: [] }));
          list.identities.push(identity);
          list.scopes.push(scope);
          list.held.push(held);
        }),
      );
    }
    holders.set(context, (index = byCapability));
  }
  return index;
}

/** Whether the identity holds the capability in the scope, directly or through a cluster-wide grant. */
export function heldIn(identity: IdentityPermissions, scope: string, capability: Capability): Held | undefined {
  return identity.scopes.get(scope)?.get(capability) ?? identity.scopes.get(CLUSTER_SCOPE)?.get(capability);
}
