/**
 * "Which grants allow this request", walked where the grants are: the lookup finds the role rules that allow the
 * request, and each role's bindings are visited in place, none of their lists joined or copied (a scan asks 40,000
 * times). Order: a role's ClusterRoleBindings, then its RoleBindings in the namespace (in every one, for "any"),
 * role after role as the lookup finds them; the grants of system:masters last.
 */
import { SYSTEM_MASTERS_GRANTS, grantOfBindingRule } from './grants.js';
import { grantAllows, normalizeRequest, type NormalizedRequest } from './request.js';
import { RequestMemo } from './request-memo.js';
import { isNamespaceObjectRequest } from './resources.js';
import type { RoleMatch, RuleLookup } from './rule-lookup.js';
import { ANY_NAMESPACE, type Grant, type RbacRequest, type ResolvedBinding } from './types.js';

type ResourceMatchRequest = Extract<NormalizedRequest, { kind: 'resource' }>;

const ANY_VERB = '*';
const NO_BINDINGS: readonly ResolvedBinding[] = [];

/**
 * The bindings of one role: its ClusterRoleBindings, and its RoleBindings by namespace in the order the namespaces
 * first appear. A Role is bound in its own namespace only, and most ClusterRoles in one or none: a map of namespaces
 * is made for the second one (a map per role was 0.6 MB at 50,000 pods).
 */
export class RoleBindings {
  private clusterBindings: ResolvedBinding[] | undefined;
  private firstNamespace: string | undefined;
  private firstBindings: ResolvedBinding[] | undefined;
  private byNamespace: Map<string, ResolvedBinding[]> | undefined;

  add(binding: ResolvedBinding): void {
    const namespace = binding.namespace;
    if (namespace === undefined) {
      if (this.clusterBindings === undefined) this.clusterBindings = [binding];
      else this.clusterBindings.push(binding);
      return;
    }
    if (this.byNamespace === undefined) {
      if (this.firstNamespace === undefined || this.firstNamespace === namespace) {
        this.firstNamespace = namespace;
        if (this.firstBindings === undefined) this.firstBindings = [binding];
        else this.firstBindings.push(binding);
        return;
      }
      this.byNamespace = new Map([[this.firstNamespace, this.firstBindings!]]);
      this.firstNamespace = undefined;
      this.firstBindings = undefined;
    }
    const list = this.byNamespace.get(namespace);
    if (list === undefined) this.byNamespace.set(namespace, [binding]);
    else list.push(binding);
  }

  /** Kept as long as the index: each list at its length, not with the room a growing list leaves. */
  trim(): void {
    if (this.clusterBindings !== undefined && this.clusterBindings.length > 1) this.clusterBindings = this.clusterBindings.slice();
    if (this.firstBindings !== undefined && this.firstBindings.length > 1) this.firstBindings = this.firstBindings.slice();
    this.byNamespace?.forEach((list, namespace) => {
      if (list.length > 1) this.byNamespace!.set(namespace, list.slice());
    });
  }

  /** The ClusterRoleBindings. */
  get cluster(): readonly ResolvedBinding[] {
    return this.clusterBindings ?? NO_BINDINGS;
  }

  inNamespace(namespace: string): readonly ResolvedBinding[] | undefined {
    if (this.byNamespace !== undefined) return this.byNamespace.get(namespace);
    return namespace === this.firstNamespace ? this.firstBindings : undefined;
  }

  forEachNamespace(visit: (bindings: readonly ResolvedBinding[]) => void): void {
    if (this.byNamespace !== undefined) this.byNamespace.forEach((bindings) => visit(bindings));
    else if (this.firstBindings !== undefined) visit(this.firstBindings);
  }
}

interface ClusterAnswer {
  roles: readonly RoleMatch[];
  /** The grants of each role's ClusterRoleBindings that allow the request. */
  grants: readonly Grant[][];
  /** Each role's bindings, found once rather than once per namespace asked about. */
  bindings: ReadonlyArray<RoleBindings | undefined>;
}

export class GrantVisitor {
  private readonly clusterAnswers = new RequestMemo<ClusterAnswer | undefined>();

  constructor(
    private readonly lookup: RuleLookup,
    /** By the key each role is filed under in the lookup. */
    private readonly bindingsByRole: ReadonlyMap<string, RoleBindings>,
  ) {}

  forEachGrantAllowing(request: RbacRequest, visit: (grant: Grant) => void): void {
    const normalized = normalizeRequest(request);
    const { namespace } = normalized;
    if (normalized.kind === 'resource' && namespace !== undefined && namespace !== ANY_NAMESPACE) {
      const cluster = this.clusterAnswer(normalized);
      if (cluster !== undefined) {
        this.visitInNamespace(normalized, namespace, cluster, visit);
        return;
      }
    }
    this.lookup.match(normalized).forEach((ruleIndexes, key) => {
      const entry = this.bindingsByRole.get(key);
      if (entry === undefined) return;
      visitAllowed(visit, entry.cluster, ruleIndexes, normalized);
      if (namespace === ANY_NAMESPACE) entry.forEachNamespace((bindings) => visitAllowed(visit, bindings, ruleIndexes, normalized));
      else if (namespace !== undefined) visitAllowed(visit, entry.inNamespace(namespace) ?? NO_BINDINGS, ruleIndexes, normalized);
    });
    for (const grant of SYSTEM_MASTERS_GRANTS) if (grantAllows(grant, normalized)) visit(grant);
  }

  /**
   * False when forEachGrantAllowing visits the same grants in the same order whatever the request's name: a request
   * in one namespace (not for the Namespace object, whose name is that namespace) that no rule limited to
   * resourceNames could allow. A question asked of each of 20,000 Secrets may then be asked once per namespace.
   */
  dependsOnName(request: RbacRequest): boolean {
    const normalized = normalizeRequest(request);
    const { namespace } = normalized;
    if (normalized.kind !== 'resource' || namespace === undefined || namespace === ANY_NAMESPACE) return true;
    if (isNamespaceObjectRequest(normalized.group, normalized.resource)) return true;
    if (this.clusterAnswer(normalized) === undefined) return true;
    return this.lookup.namespaceRulesLimitedToNames(normalized, namespace);
  }

  /**
   * What ClusterRoles and their ClusterRoleBindings allow of a request, the same in every namespace and for every
   * name (undefined when a rule limited to resourceNames is among them): asked once per verb, group, resource and
   * subresource instead of once per namespace. A scan asks about each of 3,000 namespaces ten times.
   */
  private clusterAnswer(request: ResourceMatchRequest): ClusterAnswer | undefined {
    const remembered = this.clusterAnswers.get(request.verb, request);
    if (remembered !== undefined) return remembered.value;
    const roles = this.lookup.clusterRoleMatches(request);
    const answer =
      roles === undefined
        ? undefined
        : {
            roles,
            // A ClusterRoleBinding reaches every namespace, and none of these rules asks for a name.
            grants: roles.map((role) => {
              const grants: Grant[] = [];
              visitAllowed((grant) => grants.push(grant), this.bindingsByRole.get(role.roleKey)?.cluster ?? NO_BINDINGS, role.ruleIndexes, request);
              return grants;
            }),
            bindings: roles.map((role) => this.bindingsByRole.get(role.roleKey)),
          };
    this.clusterAnswers.set(request.verb, request, answer);
    return answer;
  }

  /**
   * grantsAllowing in one namespace, as match() orders it: the ClusterRoles first found under the request's verb,
   * then the namespace's Roles so found, then the same under `*`; each role's ClusterRoleBindings, then its
   * RoleBindings in the namespace.
   */
  private visitInNamespace(request: ResourceMatchRequest, namespace: string, cluster: ClusterAnswer, visit: (grant: Grant) => void): void {
    const own = this.lookup.namespaceRoleMatches(request, namespace);
    const passes = request.verb === ANY_VERB ? 1 : 2;
    for (let pass = 0; pass < passes; pass++) {
      for (let index = 0; index < cluster.roles.length; index++) {
        const role = cluster.roles[index];
        if (role.pass !== pass) continue;
        const grants = cluster.grants[index];
        for (let position = 0; position < grants.length; position++) visit(grants[position]);
        const bindings = cluster.bindings[index]?.inNamespace(namespace);
        if (bindings !== undefined) visitAllowed(visit, bindings, role.ruleIndexes, request);
      }
      // A Role is bound by RoleBindings of its namespace only.
      for (let index = 0; index < own.length; index++) {
        const role = own[index];
        if (role.pass !== pass) continue;
        const bindings = this.bindingsByRole.get(role.roleKey)?.inNamespace(namespace);
        if (bindings !== undefined) visitAllowed(visit, bindings, role.ruleIndexes, request);
      }
    }
    for (const grant of SYSTEM_MASTERS_GRANTS) if (grantAllows(grant, request)) visit(grant);
  }
}

/** The grants of the bindings for the rules the lookup matched, those whose scope reaches the request. */
function visitAllowed(visit: (grant: Grant) => void, bindings: readonly ResolvedBinding[], ruleIndexes: readonly number[], request: NormalizedRequest): void {
  for (let position = 0; position < bindings.length; position++) {
    const binding = bindings[position];
    const { subjects } = binding;
    for (let subject = 0; subject < subjects.length; subject++) {
      for (let rule = 0; rule < ruleIndexes.length; rule++) {
        const grant = grantOfBindingRule(binding, subjects[subject], ruleIndexes[rule]);
        // The rule matched by verb, group, resource and name; the binding's scope still has to reach the request.
        if (grant !== undefined && grantAllows(grant, request)) visit(grant);
      }
    }
  }
}
