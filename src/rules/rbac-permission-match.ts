/**
 * Which of a rule's probes (create pods, get secrets, …) the grants of a binding allow, exactly as the RBAC engine
 * decides it, and the same answer remembered for every binding of the same role in the same kind of scope.
 *
 * Scale: 17,000 bindings × 20 rules × every probe and verb made each permission rule cost 150–650 ms on a
 * 50,000-pod estate, most of it asking the same question again: 1,650 RoleBindings of ClusterRole edit, one per
 * namespace, hold the same rules. What a binding's grants allow depends on the role's rules and on the binding's
 * scope only through whether it is cluster-wide or in a namespace (the probes ask "in any namespace"), except for the
 * Namespace object, whose request carries the binding's own namespace as its name: that matters to rules limited to
 * resourceNames, and only then is the namespace part of the key.
 */
import type { ObjectRef } from '../model/object.js';
import { grantAllows, grantAllowsSomeObject, normalizeProbeRequest } from '../rbac/request.js';
import { isNamespaceObjectRequest } from '../rbac/resources.js';
import type { EffectiveRole, Grant } from '../rbac/types.js';
import { isFullWildcard, rolesBehind } from './rbac-findings.js';

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
  const ownNamespace = isNamespaceObjectRequest(probe.group, probe.resource) ? (grant.scope.namespace ?? '') : undefined;
  const normalized = normalizeProbeRequest(probe, verb, ownNamespace);
  if (probe.names !== undefined) {
    if (probe.names.some((name) => grantAllows(grant, normalizeProbeRequest(probe, verb, name)))) return 'any';
  } else if (grantAllows(grant, normalized)) return 'any';
  if (grant.resourceNames.length === 0) return undefined;
  // Creating a top-level object carries no name: resourceNames rule it out. Anything else may name the object.
  if (verb === 'create' && probe.subresource === undefined) return undefined;
  return grantAllowsSomeObject(grant, normalized) ? 'named' : undefined;
}

/** What a match says whoever holds the grants: the probe, the verbs allowed, whether only on named objects. */
export type ProbeMatch = Omit<PermissionMatch, 'grants'>;

/** A probe some grant allows, the grants named by their position in the grant list. */
interface PositionedMatch extends ProbeMatch {
  positions: number[];
}

/** What a role allows of one rule's probes in one kind of scope, with what its findings say about it. */
export interface RolePermissions {
  /** The role holds `*` on `*` in `*` there: rbac-cluster-admin-binding's. */
  fullWildcard: boolean;
  /** Empty when no probe is allowed. */
  matches: readonly PositionedMatch[];
  /** permissionsLabel of the matches. */
  label: string;
  /** rolesBehind of every grant that allows a probe: the same roles for every binding of the role. */
  related: ObjectRef[];
}

/**
 * The answers to one probe list, by role: cluster-wide, in any namespace, and per namespace where the namespace's name
 * can change it (see namespaceMatters). The answer itself is the value (most roles share NOTHING): a holder object
 * per role and rule was 2.5 MB at 50,000 pods.
 */
interface ProbeAnswers {
  cluster: WeakMap<EffectiveRole, RolePermissions>;
  namespaced: WeakMap<EffectiveRole, RolePermissions>;
  byNamespace: WeakMap<EffectiveRole, Map<string, RolePermissions>>;
}

const remembered = new WeakMap<readonly PermissionProbe[], ProbeAnswers>();

/**
 * matchPermissions for the grants of a binding of `role` in `namespace` (undefined: cluster-wide), or of the role
 * itself (roleGrants), remembered per probe list, role and scope. `grants` gives the role's grants in that scope
 * (bindingGrants, roleGrants), asked for only when nothing is remembered yet: those list the role's rules in one
 * order whatever the binding, so positions carry over, and the grants of the other bindings need not be built.
 */
export function rolePermissions(probes: readonly PermissionProbe[], role: EffectiveRole, namespace: string | undefined, grants: () => readonly Grant[]): RolePermissions {
  let answers = remembered.get(probes);
  if (answers === undefined) remembered.set(probes, (answers = { cluster: new WeakMap(), namespaced: new WeakMap(), byNamespace: new WeakMap() }));
  if (namespace === undefined || !namespaceMatters(probes, role)) {
    const byRole = namespace === undefined ? answers.cluster : answers.namespaced;
    let permissions = byRole.get(role);
    if (permissions === undefined) byRole.set(role, (permissions = computeRolePermissions(probes, grants())));
    return permissions;
  }
  let byNamespace = answers.byNamespace.get(role);
  if (byNamespace === undefined) answers.byNamespace.set(role, (byNamespace = new Map()));
  let permissions = byNamespace.get(namespace);
  if (permissions === undefined) byNamespace.set(namespace, (permissions = computeRolePermissions(probes, grants())));
  return permissions;
}

/** The matches of one binding (or role): the remembered ones with its own grants. */
export function matchesWithGrants(permissions: RolePermissions, grants: readonly Grant[]): PermissionMatch[] {
  return permissions.matches.map((match) => ({
    probe: match.probe,
    verbs: [...match.verbs],
    grants: match.positions.map((position) => grants[position]),
    namedOnly: match.namedOnly,
  }));
}

const FULL_WILDCARD: RolePermissions = { fullWildcard: true, matches: [], label: '', related: [] };
const NOTHING: RolePermissions = { fullWildcard: false, matches: [], label: '', related: [] };

function computeRolePermissions(probes: readonly PermissionProbe[], grants: readonly Grant[]): RolePermissions {
  if (grants.some(isFullWildcard)) return FULL_WILDCARD;
  const matches = matchPermissions(grants, probes);
  if (matches.length === 0) return NOTHING;
  const positionOf = new Map(grants.map((grant, position) => [grant, position]));
  return {
    fullWildcard: false,
    matches: matches.map((match) => ({
      probe: match.probe,
      verbs: match.verbs.slice(), // kept with the role: at its length, not with the room push left
      positions: match.grants.map((grant) => positionOf.get(grant) ?? -1),
      namedOnly: match.namedOnly,
    })),
    label: permissionsLabel(matches),
    related: rolesBehind(matches.flatMap((match) => match.grants)),
  };
}

/**
 * Whether RoleBindings of the role in two namespaces can allow different probes: only when a probe asks for the
 * Namespace object (whose name is the binding's namespace) and a rule of the role is limited to resourceNames.
 */
export function namespaceMatters(probes: readonly PermissionProbe[], role: EffectiveRole): boolean {
  return probes.some((probe) => isNamespaceObjectRequest(probe.group, probe.resource)) && role.rules.some((rule) => rule.resourceNames.length > 0);
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
