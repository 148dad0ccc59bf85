/**
 * What the rules about *who* a binding names share (anonymous, broad groups, system:masters, other namespaces):
 * where a subject sits in the binding, and how much the binding gives, as the engine's risk classes.
 */
import { asArray, asRecord, asString } from '../model/json.js';
import type { FieldPath, K8sObject } from '../model/object.js';
import { riskOfIndexGrant } from '../rbac/risk.js';
import { RISKS, type Grant, type RbacObjectRef, type ResolvedBinding, type Risk, type Subject } from '../rbac/types.js';
import type { Severity } from '../taxonomy/index.js';
import type { ClusterRbac } from '../rbac/estate-rbac.js';
import { bindingGrants, rbacLabel, rolesBehind, scopeLabel } from './rbac-findings.js';
import { rbacOfEstate } from '../rbac/estate-rbac.js';
import { formatSubject, serviceAccount } from '../rbac/subject.js';
import type { RuleContext } from './define-rule.js';

/** The path of a subject entry in the binding's manifest; the subjects list when it cannot be told apart. */
export function subjectPath(binding: K8sObject, subject: Subject): FieldPath {
  const index = asArray(binding.raw.subjects).findIndex((entry) => {
    const record = asRecord(entry);
    const kind = asString(record?.kind);
    const name = asString(record?.name);
    if (subject.kind !== 'ServiceAccount') return kind === subject.kind && name === subject.name;
    // A User named system:serviceaccount:NS:NAME is that service account, as the authorizer reads it.
    return (kind === 'ServiceAccount' && name === subject.name) || (kind === 'User' && name === `system:serviceaccount:${subject.namespace}:${subject.name}`);
  });
  return index >= 0 ? ['subjects', index] : ['subjects'];
}

/** The worst risk among the grants (made by the RBAC index), or undefined when they allow nothing at all. */
export function worstRisk(grants: readonly Grant[]): Risk | undefined {
  let worst: Risk | undefined;
  for (const grant of grants) {
    const risk = riskOfIndexGrant(grant);
    if (worst === undefined || RISKS.indexOf(risk) < RISKS.indexOf(worst)) worst = risk;
    if (worst === 'cluster-takeover') break;
  }
  return worst;
}

/** Only discovery-style reads of non-resource URLs (/healthz, /version, /api): what every cluster hands out. */
export function onlyNonResourceReads(grants: readonly Grant[]): boolean {
  return grants.length > 0 && grants.every((grant) => grant.resources.length === 0 && grant.verbs.every((verb) => verb === 'get' || verb === 'head'));
}

/** What a service account's token is worth: its grants, the worst risk among them, bindings whose role is missing. */
export interface AccountPower {
  /** Everything the account holds except what the bootstrap policy gives every authenticated identity. */
  grants: readonly Grant[];
  risk: Risk | undefined;
  /** Bindings that name the account but point at a role the input lacks: their grants are unknown. */
  dangling: readonly ResolvedBinding[];
}

const NO_BINDINGS: readonly ResolvedBinding[] = Object.freeze([]);
/** What every authenticated identity has (the bootstrap policy's group bindings) is not the account's own power. */
const ownPower = (binding: RbacObjectRef, named: Subject): boolean => !(binding.isDefault && named.kind === 'Group');
const NO_POWER: AccountPower = Object.freeze({ grants: Object.freeze([]), risk: undefined, dangling: NO_BINDINGS });

const accountPowers = new WeakMap<ClusterRbac, Map<string, Map<string, AccountPower>>>();
const danglingBySubject = new WeakMap<ClusterRbac, Map<string, ResolvedBinding[]>>();

/**
 * The power of a service account, computed once per account and cluster: every workload of a namespace mostly runs
 * as the same account, and rules about tokens (mounted, in Secrets) ask about the same accounts.
 */
export function accountPower(rbac: ClusterRbac, namespace: string, name: string): AccountPower {
  let byNamespace = accountPowers.get(rbac);
  if (byNamespace === undefined) accountPowers.set(rbac, (byNamespace = new Map()));
  // By namespace, then name: the workloads asking (30,000) build no key string.
  let byName = byNamespace.get(namespace);
  if (byName === undefined) byNamespace.set(namespace, (byName = new Map()));
  let power = byName.get(name);
  if (power === undefined) {
    const account = serviceAccount(namespace, name);
    const grants = rbac.index.grantsFor(account, ownPower);
    const dangling = danglingBindingsOf(rbac).get(formatSubject(account));
    // Kept for every account of the cluster (10,000 at 50,000 pods): the powerless share one answer, the others keep
    // their grants at their length (a list grown by push leaves room for more).
    power = grants.length === 0 && dangling === undefined ? NO_POWER : { grants: grants.slice(), risk: worstRisk(grants), dangling: dangling ?? NO_BINDINGS };
    byName.set(name, power);
  }
  return power;
}

function danglingBindingsOf(rbac: ClusterRbac): Map<string, ResolvedBinding[]> {
  let bySubject = danglingBySubject.get(rbac);
  if (bySubject === undefined) {
    bySubject = new Map();
    for (const binding of rbac.index.bindings()) {
      if (binding.role !== undefined) continue;
      for (const subject of binding.subjects) {
        const key = formatSubject(subject);
        const list = bySubject.get(key);
        if (list === undefined) bySubject.set(key, [binding]);
        else list.push(binding);
      }
    }
    danglingBySubject.set(rbac, bySubject);
  }
  return bySubject;
}

export const RISK_TITLES: Record<Risk, string> = {
  'cluster-takeover': 'cluster-takeover permissions',
  secrets: 'permissions to read Secrets',
  'workload-control': 'permissions to run code in workloads',
  'read-only': 'read-only permissions',
  other: 'write permissions',
};

/** What a binding gives, for a subject-oriented rule: its grants, worst risk, and whether the role is missing. */
export interface BindingPower {
  binding: ResolvedBinding;
  grants: readonly Grant[];
  risk: Risk | undefined;
  /** The role is not in the input: what it grants is unknown. */
  dangling: boolean;
}

/**
 * Input bindings that pass the filter, including those whose role is not in the input (their intent is still a
 * finding). Risk is computed only for the bindings asked about: probing every binding of a large cluster is not free.
 */
export function inputBindingPowers(rbac: ClusterRbac, wanted: (binding: ResolvedBinding) => boolean): BindingPower[] {
  return everyInputBinding(rbac)
    .filter(wanted)
    .map((binding) => {
      const grants = binding.role === undefined ? [] : bindingGrants(binding);
      return { binding, grants, risk: worstRisk(grants), dangling: binding.role === undefined };
    });
}

const inputBindingsOf = new WeakMap<ClusterRbac, readonly ResolvedBinding[]>();

/** The bindings of the input, those whose role is missing included; listed once per cluster for the rules that ask. */
function everyInputBinding(rbac: ClusterRbac): readonly ResolvedBinding[] {
  let bindings = inputBindingsOf.get(rbac);
  if (bindings === undefined) inputBindingsOf.set(rbac, (bindings = rbac.index.bindings().filter((binding) => rbac.isInInput(binding.ref))));
  return bindings;
}

/** Severity by risk class, for rules whose threat is who holds the power rather than which power it is. */
export function severityByRisk(power: BindingPower, table: Record<Risk, Severity>, unknown: Severity): Severity | undefined {
  if (power.dangling) return unknown;
  if (power.risk === undefined) return undefined;
  return table[power.risk];
}

/** `cluster takeover`, …, or `unknown permissions (ClusterRole x is not in the input)`. */
export function powerLabel(power: BindingPower): string {
  if (power.dangling) return `unknown permissions (${power.binding.roleRef.kind} ${power.binding.roleRef.name} is not in the input)`;
  return power.risk === undefined ? 'nothing' : RISK_TITLES[power.risk];
}

/**
 * Reports each binding of the input that names a subject `isSubject` picks, once per binding (message id `binding`),
 * at the severity `severities` gives to the most dangerous power it grants; reading only health and version URLs is
 * low. `subjectData` names the subject for the message.
 */
export function reportBindingsToSubjects(
  { estate, options, report }: RuleContext,
  isSubject: (subject: Subject) => boolean,
  severities: { byRisk: Record<Risk, Severity>; unknown: Severity },
  subjectData: (subject: Subject) => Record<string, string>,
): void {
  for (const rbac of rbacOfEstate(estate, options.kubernetesVersion)) {
    for (const power of inputBindingPowers(rbac, (binding) => binding.subjects.some(isSubject))) {
      const subject = power.binding.subjects.find(isSubject);
      const object = rbac.objectOf(power.binding.ref);
      if (subject === undefined || object === undefined) continue;
      const severity = onlyNonResourceReads(power.grants) ? 'low' : severityByRisk(power, severities.byRisk, severities.unknown);
      if (severity === undefined) continue;
      report({
        messageId: 'binding',
        data: {
          binding: rbacLabel(power.binding.ref),
          power: powerLabel(power),
          scope: scopeLabel(power.binding.namespace),
          role: power.binding.role ? rbacLabel(power.binding.role.ref) : `${power.binding.roleRef.kind} ${power.binding.roleRef.name}`,
          ...subjectData(subject),
        },
        object,
        path: subjectPath(object, subject),
        related: rolesBehind(power.grants),
        severity,
      });
    }
  }
}
