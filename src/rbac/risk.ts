/**
 * What a grant or a request is worth to an attacker (shared/reference/attack-techniques.md, sections 6–8):
 * - cluster-takeover: a short path to cluster-admin: bind/escalate, impersonating users or groups, nodes/proxy,
 *   CSR approval or signing, admission webhooks and mutating policies, `*` on `*`; and the namespaced primitives
 *   (create or change pods and workload controllers, exec, ephemeral containers, token requests, impersonating
 *   service accounts, bind/escalate roles, writing ConfigMaps such as aws-auth) when they reach kube-system.
 * - secrets: reading Secrets, and minting service-account tokens outside kube-system;
 * - workload-control: running or changing code in pods: create/patch pods and workload controllers, exec,
 *   attach, port-forward, proxy, ephemeral containers; impersonating service accounts and bind/escalate outside
 *   kube-system; hostPath-capable persistent volumes;
 * - read-only: only get/list/watch (Secrets excepted), or creating access and token reviews;
 * - other: the rest (writes to ordinary objects, deletes).
 * A grant is probed with representative requests, so wildcards count for everything they cover; its resourceNames
 * are ignored (a grant on one Secret still reads a Secret) except for creating objects, which never carry a name.
 */
import { POD_CONTROLLERS } from './pod-controllers.js';
import { grantAllows, grantAllowsSomeObject, normalizeProbeRequest, normalizeRequest, type NormalizedRequest } from './request.js';
import { WILDCARD } from './rules.js';
import type { Grant, RbacObjectRef, RbacRequest, Risk } from './types.js';

const KUBE_SYSTEM = 'kube-system';
const READ_VERBS = new Set(['get', 'list', 'watch']);

interface Probe {
  verbs: readonly string[];
  group: string;
  resource: string;
  subresource?: string;
  /** true: only when reaching kube-system (a cluster-wide grant reaches it too). */
  kubeSystemOnly?: boolean;
}

// The controllers that make pods: the extensions group no longer serves them (v1.16), and a PodTemplate runs nothing.
const WORKLOAD_CONTROLLERS = POD_CONTROLLERS;

const CREATE_OR_CHANGE = ['create', 'update', 'patch'];

/** Running code in pods, and taking over the identities of a namespace. */
const NAMESPACED_ESCALATION: readonly Probe[] = [
  { verbs: CREATE_OR_CHANGE, group: '', resource: 'pods' },
  ...WORKLOAD_CONTROLLERS.map(([group, resource]) => ({ verbs: CREATE_OR_CHANGE, group, resource })),
  // get stays: websocket upgrades of exec/attach/portforward were authorised as get before v1.30 gated them.
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'exec' },
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'attach' },
  { verbs: ['update', 'patch'], group: '', resource: 'pods', subresource: 'ephemeralcontainers' },
  { verbs: ['impersonate'], group: '', resource: 'serviceaccounts' },
  { verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource: 'roles' },
];

const TAKEOVER: readonly Probe[] = [
  { verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
  { verbs: ['impersonate'], group: '', resource: 'users' },
  { verbs: ['impersonate'], group: '', resource: 'groups' },
  { verbs: ['get', 'create'], group: '', resource: 'nodes', subresource: 'proxy' },
  { verbs: ['update', 'patch'], group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' },
  { verbs: ['approve', 'sign'], group: 'certificates.k8s.io', resource: 'signers' },
  { verbs: CREATE_OR_CHANGE, group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' },
  { verbs: CREATE_OR_CHANGE, group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' },
  { verbs: CREATE_OR_CHANGE, group: 'admissionregistration.k8s.io', resource: 'mutatingadmissionpolicies' },
  ...NAMESPACED_ESCALATION.map((probe) => ({ ...probe, kubeSystemOnly: true })),
  { verbs: ['create'], group: '', resource: 'serviceaccounts', subresource: 'token', kubeSystemOnly: true },
  // aws-auth (EKS) and CoreDNS live in kube-system ConfigMaps.
  { verbs: CREATE_OR_CHANGE, group: '', resource: 'configmaps', kubeSystemOnly: true },
];

const SECRETS: readonly Probe[] = [
  { verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets' },
  { verbs: ['create'], group: '', resource: 'serviceaccounts', subresource: 'token' },
];

const WORKLOAD_CONTROL: readonly Probe[] = [
  ...NAMESPACED_ESCALATION,
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'portforward' },
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'proxy' },
  { verbs: ['create', 'get'], group: '', resource: 'services', subresource: 'proxy' },
  { verbs: ['create'], group: '', resource: 'persistentvolumes' },
];

const LEVELS: ReadonlyArray<[Risk, readonly Probe[]]> = [
  ['cluster-takeover', TAKEOVER],
  ['secrets', SECRETS],
  ['workload-control', WORKLOAD_CONTROL],
];

export function riskOf(subject: Grant | RbacRequest): Risk {
  return 'via' in subject ? riskOfGrant(subject) : riskOfRequest(normalizeRequest(subject));
}

const grantRisks = new WeakMap<Grant, Risk>();

/**
 * riskOf for a grant the RBAC index made (grantsFor, grantsAllowing, grantsOfBinding), remembered per role, rule and
 * kind of scope (cluster-wide, kube-system, another namespace): what decides the grant's rule and risk, the same for
 * every binding of the role. Per grant, the 40,000 grants of a scan's service accounts were a memo entry each.
 */
const roleRuleRisks = new WeakMap<RbacObjectRef, Array<Risk | undefined>>();

export function riskOfIndexGrant(grant: Grant): Risk {
  const scope = grant.scope.namespace === undefined ? 0 : grant.scope.namespace === KUBE_SYSTEM ? 1 : 2;
  let risks = roleRuleRisks.get(grant.via.role);
  if (risks === undefined) roleRuleRisks.set(grant.via.role, (risks = []));
  const slot = grant.via.ruleIndex * 3 + scope;
  let risk = risks[slot];
  if (risk === undefined) risks[slot] = risk = computeRiskOfGrant(grant);
  return risk;
}

/** Memoised: the grants of groups (every service account is in system:authenticated) are asked about again and again. */
function riskOfGrant(grant: Grant): Risk {
  let risk = grantRisks.get(grant);
  if (risk === undefined) grantRisks.set(grant, (risk = computeRiskOfGrant(grant)));
  return risk;
}

/** A probe with its requests normalized once, and the level (index in LEVELS) it stands for. */
interface PreparedProbe {
  level: number;
  kubeSystemOnly: boolean;
  requests: ReadonlyArray<{ request: NormalizedRequest; nameless: boolean }>;
}

/**
 * The probes by the resource a rule must name to allow them (`pods`, `pods/exec`, or `*\/exec`): a grant is tried
 * only against the probes its resources can reach (a rule for configmaps against the one configmaps probe, not 48).
 * A rule naming `*` reaches every probe.
 */
const PROBES_BY_RULE_RESOURCE = new Map<string, PreparedProbe[]>();
const EVERY_PROBE: PreparedProbe[] = [];
LEVELS.forEach(([, probes], level) => {
  for (const probe of probes) {
    // Names are ignored (a grant on one Secret still reads a Secret), except where no request can carry one:
    // creating a top-level object. Creating a subresource (pods/exec, serviceaccounts/token) names its parent.
    const requests = probe.verbs.map((verb) => ({ request: normalizeProbeRequest(probe, verb), nameless: verb === 'create' && probe.subresource === undefined }));
    const prepared: PreparedProbe = { level, kubeSystemOnly: probe.kubeSystemOnly === true, requests };
    EVERY_PROBE.push(prepared);
    const named = probe.subresource === undefined ? [probe.resource] : [`${probe.resource}/${probe.subresource}`, `*/${probe.subresource}`];
    for (const resource of named) {
      const list = PROBES_BY_RULE_RESOURCE.get(resource);
      if (list === undefined) PROBES_BY_RULE_RESOURCE.set(resource, [prepared]);
      else list.push(prepared);
    }
  }
});

/** The first level of LEVELS some probe of which the grant allows, as trying them all in order would find. */
function computeRiskOfGrant(grant: Grant, tryEveryProbe = false): Risk {
  const reachesKubeSystem = grant.scope.namespace === undefined || grant.scope.namespace === KUBE_SYSTEM;
  let level = LEVELS.length;
  const consider = (probes: readonly PreparedProbe[]): void => {
    for (const probe of probes) {
      if (probe.level >= level || (probe.kubeSystemOnly && !reachesKubeSystem)) continue;
      if (probeMatchesGrant(probe, grant)) level = probe.level;
    }
  };
  if (tryEveryProbe || grant.resources.includes(WILDCARD)) consider(EVERY_PROBE);
  else for (const resource of grant.resources) consider(PROBES_BY_RULE_RESOURCE.get(resource) ?? []);
  if (level < LEVELS.length) return LEVELS[level][0];
  return grant.verbs.every((verb) => READ_VERBS.has(verb)) || isOnlyReviews(grant) ? 'read-only' : 'other';
}

/** Access and token reviews are created, but they are questions: they change nothing. */
const REVIEWS = new Set([
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
  'subjectaccessreviews',
  'localsubjectaccessreviews',
  'tokenreviews',
]);

function isOnlyReviews(grant: Grant): boolean {
  return (
    grant.nonResourceURLs.length === 0 &&
    grant.resources.every((resource) => REVIEWS.has(resource)) &&
    grant.verbs.every((verb) => verb === 'create' || READ_VERBS.has(verb))
  );
}

/** The risk of a grant found by trying every probe, without the index by resource: what tests compare riskOf with. */
export function riskOfGrantTryingEveryProbe(grant: Grant): Risk {
  return computeRiskOfGrant(grant, true);
}

/** Scope still decides: a RoleBinding cannot reach nodes/proxy. */
function probeMatchesGrant(probe: PreparedProbe, grant: Grant): boolean {
  for (const { request, nameless } of probe.requests) if (nameless ? grantAllows(grant, request) : grantAllowsSomeObject(grant, request)) return true;
  return false;
}

function riskOfRequest(request: NormalizedRequest): Risk {
  if (request.kind === 'non-resource') return READ_VERBS.has(request.verb) ? 'read-only' : 'other';
  const reachesKubeSystem = request.namespace === undefined || request.namespace === KUBE_SYSTEM;
  for (const [risk, probes] of LEVELS) {
    for (const probe of probes) {
      if (probe.kubeSystemOnly === true && !reachesKubeSystem) continue;
      const matches =
        probe.verbs.includes(request.verb) &&
        probe.group === request.group &&
        probe.resource === request.resource &&
        (probe.subresource ?? '') === request.subresource;
      if (matches) return risk;
    }
  }
  const review = request.verb === 'create' && request.subresource === '' && REVIEWS.has(request.resource);
  return READ_VERBS.has(request.verb) || review ? 'read-only' : 'other';
}
