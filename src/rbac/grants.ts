/**
 * Grants: one rule of a bound role, for one subject of the binding, in the binding's scope.
 * Inside a namespace (a RoleBinding), rules for nonResourceURLs and for built-in cluster-scoped resources can
 * never allow anything; they are left out so a subject's grants say only what it can actually do.
 */
import { isInertInNamespace } from './resources.js';
import { SYSTEM_MASTERS, group } from './subject.js';
import type { EffectiveRole, Grant, PolicyRule, RbacObjectRef, ResolvedBinding, Subject } from './types.js';

interface GrantableRule {
  ruleIndex: number;
  rule: PolicyRule;
}

/** Per role, the rules that can allow something cluster-wide and inside a namespace; roles are shared by many bindings. */
const grantableCache = new WeakMap<EffectiveRole, { cluster: GrantableRule[]; namespaced: GrantableRule[] }>();

function grantableRules(role: EffectiveRole, namespaced: boolean): GrantableRule[] {
  let cached = grantableCache.get(role);
  if (cached === undefined) {
    const cluster: GrantableRule[] = [];
    const inNamespace: GrantableRule[] = [];
    role.rules.forEach((rule, ruleIndex) => {
      if (canAllowAnything(rule)) cluster.push({ ruleIndex, rule });
      const part = namespacedPart(rule);
      if (part !== undefined && canAllowAnything(part)) inNamespace.push({ ruleIndex, rule: part });
    });
    cached = { cluster, namespaced: inNamespace };
    grantableCache.set(role, cached);
  }
  return namespaced ? cached.namespaced : cached.cluster;
}

interface GrantTemplate {
  via: Grant['via'];
  scope: Grant['scope'];
  rule: PolicyRule;
  /**
   * The grant for each subject of the binding, by the subject's position, built when first asked for: a question
   * about each of 3,000 namespaces returns the grants of the same ClusterRoleBindings every time.
   */
  bySubject: Grant[];
}

/** What a binding gives whoever it names: shared by all its subjects, keyed by rule index. */
const templateCache = new WeakMap<ResolvedBinding, Map<number, GrantTemplate>>();

function templatesOf(binding: ResolvedBinding): Map<number, GrantTemplate> {
  let templates = templateCache.get(binding);
  if (templates === undefined) {
    templates = new Map();
    const role = binding.role;
    if (role !== undefined) {
      const scope = binding.namespace === undefined ? {} : { namespace: binding.namespace };
      for (const { ruleIndex, rule } of grantableRules(role, binding.namespace !== undefined)) {
        const via = { binding: binding.ref, role: role.ref, ruleIndex, ruleOrigin: role.ruleOrigins[ruleIndex] };
        templates.set(ruleIndex, { via, scope, rule, bySubject: [] });
      }
    }
    templateCache.set(binding, templates);
  }
  return templates;
}

function grantFrom(template: GrantTemplate, subject: Subject): Grant {
  const { rule } = template;
  return {
    subject,
    via: template.via,
    scope: template.scope,
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    resourceNames: rule.resourceNames,
    nonResourceURLs: rule.nonResourceURLs,
  };
}

/** Grants are read, never changed: the same subject of the same binding gets the same grant objects. */
function grantOf(binding: ResolvedBinding, template: GrantTemplate, subject: Subject): Grant {
  const position = binding.subjects.indexOf(subject);
  if (position < 0) return grantFrom(template, subject);
  return (template.bySubject[position] ??= grantFrom(template, subject));
}

export function grantsOfBinding(binding: ResolvedBinding, subject: Subject): Grant[] {
  return [...templatesOf(binding).values()].map((template) => grantOf(binding, template, subject));
}

/** The grant of one rule of the binding's role, if that rule can allow anything in the binding's scope. */
export function grantOfBindingRule(binding: ResolvedBinding, subject: Subject, ruleIndex: number): Grant | undefined {
  const template = templatesOf(binding).get(ruleIndex);
  return template === undefined ? undefined : grantOf(binding, template, subject);
}

function namespacedPart(rule: PolicyRule): PolicyRule | undefined {
  const resources = rule.resources.filter((resource) => !isInertInNamespace(rule.apiGroups, resource));
  if (resources.length === 0) return undefined;
  return { ...rule, resources, nonResourceURLs: [] };
}

/** A rule without verbs, or with resources but no apiGroups, matches no request. */
function canAllowAnything(rule: PolicyRule): boolean {
  if (rule.verbs.length === 0) return false;
  const resourcePart = rule.resources.length > 0 && rule.apiGroups.length > 0;
  return resourcePart || rule.nonResourceURLs.length > 0;
}

const AUTHORIZER_SOURCE = '<kubernetes authorizer: system:masters bypasses RBAC>';

/** Stands in for binding and role of the grants the authorizer gives system:masters before RBAC is asked. */
export const SYSTEM_MASTERS_BYPASS_REF: RbacObjectRef = {
  apiVersion: 'v1',
  kind: 'Group',
  name: SYSTEM_MASTERS,
  source: { file: AUTHORIZER_SOURCE, line: 1, column: 1, document: 0, pathInDocument: [] },
  isDefault: true,
};

/** Everything, cluster-wide: the privileged-group authorizer allows any request of a system:masters member. */
export const SYSTEM_MASTERS_GRANTS: readonly Grant[] = [0, 1].map((ruleIndex): Grant => {
  const resources = ruleIndex === 0;
  return {
    subject: group(SYSTEM_MASTERS),
    via: {
      binding: SYSTEM_MASTERS_BYPASS_REF,
      role: SYSTEM_MASTERS_BYPASS_REF,
      ruleIndex,
      ruleOrigin: { role: SYSTEM_MASTERS_BYPASS_REF, ruleIndex },
      bypass: 'system:masters',
    },
    scope: {},
    verbs: ['*'],
    apiGroups: resources ? ['*'] : [],
    resources: resources ? ['*'] : [],
    resourceNames: [],
    nonResourceURLs: resources ? [] : ['*'],
  };
});
