/**
 * The evidence of edges. What only a shown path reads is made when read, not for every edge: a finding's message and
 * fingerprint are read through the finding, and a binding's words are put together when asked for (at 50,000 pods the
 * texts of every edge's evidence were 16 MB of concatenated strings, of which a report shows a few dozen). Evidence
 * objects are never changed, and are shared wherever their content is the same.
 */
import type { Finding } from '../engine/finding.js';
import type { FieldPath, K8sObject, Location, ObjectRef, SourceRef } from '../model/object.js';
import { objectRef } from '../model/object.js';
import { formatSubject, type Grant } from '../rbac/index.js';
import type { Evidence } from './types.js';

/** The field path of evidence about a whole object: shared, frozen (one empty array per workload added up). */
export const WHOLE_OBJECT: FieldPath = Object.freeze([]);

/** One ObjectRef per object for all its evidence: a workload is cited by a dozen edges. */
const refs = new WeakMap<K8sObject, ObjectRef>();

function refOf(object: K8sObject): ObjectRef {
  let ref = refs.get(object);
  if (ref === undefined) refs.set(object, (ref = objectRef(object)));
  return ref;
}

export function objectEvidence(object: K8sObject, fieldPath?: FieldPath, detail?: string): Evidence {
  const evidence: Evidence = { object: refOf(object), source: object.source };
  if (fieldPath) evidence.fieldPath = fieldPath;
  if (detail) evidence.detail = detail;
  return evidence;
}

/** A finding as evidence: everything read through the finding, whose message and fingerprint are made when read. */
class FindingEvidence implements Evidence {
  constructor(readonly fromFinding: Finding) {}

  get object(): ObjectRef {
    return this.fromFinding.object;
  }

  get location(): Location {
    return this.fromFinding.location;
  }

  get fieldPath(): FieldPath {
    return this.fromFinding.fieldPath;
  }

  get finding(): string {
    return this.fromFinding.fingerprint;
  }

  get detail(): string {
    return this.fromFinding.message;
  }
}

export function findingEvidence(finding: Finding): Evidence {
  return new FindingEvidence(finding);
}

const ROLE_REF: FieldPath = Object.freeze(['roleRef']);

/** The binding that gives a grant: which role it binds to whom, in which scope, worded when read. */
class BindingEvidence implements Evidence {
  readonly object: ObjectRef;
  readonly source: SourceRef | undefined;
  readonly fieldPath = ROLE_REF;

  constructor(private readonly grant: Grant) {
    this.object = stripped(grant.via.binding);
    this.source = grant.via.binding.source;
  }

  get detail(): string {
    const { role } = this.grant.via;
    const scope = this.grant.scope.namespace === undefined ? 'cluster-wide' : `in namespace ${this.grant.scope.namespace}`;
    return `binds ${role.kind} ${role.name} to ${formatSubject(this.grant.subject)}, ${scope}`;
  }
}

type RuleOrigin = Grant['via']['ruleOrigin'];

/**
 * The binding that gives the grant and the rule that allows it, with what it allows in words. The binding's evidence
 * (which depends on the grant alone) is made once per grant, and the rule's once per rule and wording: the rule of a
 * role is cited by every holder of a binding of it.
 */
export function grantEvidence(grant: Grant, allows: string): Evidence[] {
  const { binding, ruleOrigin } = grant.via;
  if (grant.via.bypass) return [{ object: stripped(binding), source: binding.source, detail: `members of ${binding.name} bypass RBAC: ${allows}` }];
  let bound = bindingEvidence.get(grant);
  if (bound === undefined) bindingEvidence.set(grant, (bound = new BindingEvidence(grant)));
  let byWording = ruleEvidence.get(ruleOrigin);
  if (byWording === undefined) ruleEvidence.set(ruleOrigin, (byWording = new Map()));
  let rule = byWording.get(allows);
  if (rule === undefined) byWording.set(allows, (rule = { object: stripped(ruleOrigin.role), source: ruleOrigin.role.source, fieldPath: ['rules', ruleOrigin.ruleIndex], detail: allows }));
  return [bound, rule];
}

const bindingEvidence = new WeakMap<Grant, Evidence>();
const ruleEvidence = new WeakMap<RuleOrigin, Map<string, Evidence>>();
const strippedRefs = new WeakMap<ObjectRef, ObjectRef>();

/** The ref without what RBAC adds to it (its source, its cluster). */
function stripped(ref: ObjectRef): ObjectRef {
  let plain = strippedRefs.get(ref);
  if (plain === undefined) {
    const { apiVersion, kind, name, namespace } = ref;
    strippedRefs.set(ref, (plain = namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, name, namespace }));
  }
  return plain;
}
