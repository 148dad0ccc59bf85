/**
 * Rules about one dangerous permission (read Secrets, create pods, exec, …). Each asks the exact RBAC engine
 * (src/rbac) which input bindings give the permission and reports one finding per binding: the object is the
 * binding, `related` names the role (and, for an aggregated ClusterRole, the role the rule came from). Roles that no
 * binding uses are reported on the role itself, at a lower severity: nobody holds the permission yet.
 *
 * Probing follows the authorizer: wildcards count for everything they cover, `pods` does not reach `pods/exec`, a
 * RoleBinding never reaches cluster-scoped resources. A rule limited to resourceNames still grants those objects
 * (reading one named Secret is reading a Secret), at a lower severity; but a request that creates an object carries
 * no name, so resourceNames make `create` impossible.
 *
 * Bindings whose role holds `*` on `*` in `*` are left to rbac-cluster-admin-binding: that one finding says it all.
 */
import { ANY_NAMESPACE, type Grant, type ResourceRequest } from '../rbac/types.js';
import { grantAllows, normalizeProbeRequest } from '../rbac/request.js';
import { rbacOfEstate } from '../rbac/estate-rbac.js';
import type { Severity } from '../taxonomy/index.js';
import { defineRule, type Rule, type RuleMeta } from './define-rule.js';
import {
  bindingGrants,
  inputBindings,
  isBroadSubject,
  isFullWildcard,
  lower,
  raise,
  rbacLabel,
  roleGrants,
  rolesBehind,
  rulePathInRole,
  scopeLabel,
  severityForScope,
  subjectsLabel,
  unboundInputRoles,
  type ScopedSeverity,
} from './rbac-findings.js';

export interface PermissionProbe {
  verbs: readonly string[];
  group: string;
  resource: string;
  subresource?: string;
  /** Object names the request may carry, the first allowed one counts (a signer is authorised by its name). */
  names?: readonly string[];
}

export interface PermissionMatch {
  probe: PermissionProbe;
  verbs: string[];
  grants: Grant[];
  /** Every grant that allows it is limited to resourceNames. */
  namedOnly: boolean;
}

export interface RbacPermissionRuleSpec extends Omit<RuleMeta, 'severity'> {
  probes: readonly PermissionProbe[];
  /** The severity of a binding by the scope it grants in (kube-system counts as cluster-wide). */
  levels: ScopedSeverity;
  /** Message ids: `binding` for a binding that gives the permission, `unboundRole` for a role nothing binds. */
  messages: { binding: string; unboundRole: string } & Record<string, string>;
  /** Adjusts the severity of one finding (e.g. nodes/proxy against pods/proxy). */
  adjust?: (severity: Severity, matches: readonly PermissionMatch[]) => Severity;
}

export function defineRbacPermissionRule(spec: RbacPermissionRuleSpec): Rule {
  const { probes, levels, adjust, ...meta } = spec;
  return defineRule({
    ...meta,
    severity: levels.cluster,
    check({ estate, options, report }) {
      for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
        for (const binding of inputBindings(rbac)) {
          const grants = bindingGrants(binding);
          if (grants.some(isFullWildcard)) continue;
          const matches = matchPermissions(grants, probes);
          if (matches.length === 0) continue;
          const object = rbac.objectOf(binding.ref);
          if (object === undefined) continue;
          let severity = severityForScope(levels, binding.namespace);
          if (binding.subjects.some(isBroadSubject)) severity = raise(severity);
          if (matches.every((match) => match.namedOnly)) severity = lower(severity);
          report({
            messageId: 'binding',
            data: {
              binding: rbacLabel(binding.ref),
              role: rbacLabel(binding.role.ref),
              subjects: subjectsLabel(binding.subjects),
              scope: scopeLabel(binding.namespace),
              permissions: permissionsLabel(matches),
            },
            object,
            path: ['roleRef', 'name'],
            related: rolesBehind(matches.flatMap((match) => match.grants)),
            severity: adjust ? adjust(severity, matches) : severity,
          });
        }
        for (const role of unboundInputRoles(rbac)) {
          const grants = roleGrants(role);
          if (grants.some(isFullWildcard)) continue;
          const matches = matchPermissions(grants, probes);
          const object = rbac.objectOf(role.ref);
          if (matches.length === 0 || object === undefined) continue;
          let severity = lower(severityForScope(levels, role.ref.namespace), 2);
          if (matches.every((match) => match.namedOnly)) severity = lower(severity);
          report({
            messageId: 'unboundRole',
            data: { role: rbacLabel(role.ref), scope: scopeLabel(role.ref.namespace), permissions: permissionsLabel(matches) },
            object,
            path: rulePathInRole(role, matches[0].grants[0]),
            related: rolesBehind(matches.flatMap((match) => match.grants)).filter((ref) => ref.name !== role.ref.name || ref.kind !== role.ref.kind),
            severity: adjust ? adjust(severity, matches) : severity,
          });
        }
      }
    },
  });
}

/** The probes some grant allows, each with the verbs and grants that allow it. */
export function matchPermissions(grants: readonly Grant[], probes: readonly PermissionProbe[]): PermissionMatch[] {
  const matches: PermissionMatch[] = [];
  for (const probe of probes) {
    const verbs: string[] = [];
    const allowing = new Set<Grant>();
    let named = true;
    for (const verb of probe.verbs) {
      let allowed = false;
      for (const grant of grants) {
        const how = grantAllowsProbe(grant, probe, verb);
        if (how === undefined) continue;
        allowed = true;
        allowing.add(grant);
        if (how === 'any') named = false;
      }
      if (allowed) verbs.push(verb);
    }
    if (verbs.length > 0) matches.push({ probe, verbs, grants: [...allowing], namedOnly: named });
  }
  return matches;
}

/**
 * Whether the grant allows the verb on the probe's resource somewhere in its scope: 'any' object, or only 'named'
 * ones. A namespaced binding reaches its own Namespace object (patch namespaces), so that request names it.
 */
export function grantAllowsProbe(grant: Grant, probe: PermissionProbe, verb: string): 'any' | 'named' | undefined {
  const ownNamespace = probe.group === '' && probe.resource === 'namespaces' ? (grant.scope.namespace ?? '') : undefined;
  const build = (name: string | undefined) => (): ResourceRequest => {
    const request: ResourceRequest = { verb, group: probe.group, resource: probe.resource, namespace: ANY_NAMESPACE };
    if (probe.subresource !== undefined) request.subresource = probe.subresource;
    if (name !== undefined) request.name = name;
    return request;
  };
  const normalized = normalizeProbeRequest(probe, verb, ownNamespace, build(ownNamespace));
  if (probe.names !== undefined) {
    if (probe.names.some((name) => grantAllows(grant, normalizeProbeRequest(probe, verb, name, build(name))))) return 'any';
  } else if (grantAllows(grant, normalized)) return 'any';
  if (grant.resourceNames.length === 0) return undefined;
  // Creating a top-level object carries no name: resourceNames rule it out. Anything else may name the object.
  if (verb === 'create' && probe.subresource === undefined) return undefined;
  return grantAllows({ ...grant, resourceNames: [] }, normalized) ? 'named' : undefined;
}

/** `create/patch pods, update deployments (only named objects)`. */
export function permissionsLabel(matches: readonly PermissionMatch[]): string {
  return matches
    .map((match) => {
      const resource = match.probe.subresource === undefined ? match.probe.resource : `${match.probe.resource}/${match.probe.subresource}`;
      return `${match.verbs.join('/')} ${resource}${match.namedOnly ? ' (named objects only)' : ''}`;
    })
    .join(', ');
}
