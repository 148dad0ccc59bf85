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
import { scopeText } from './scopes.js';

/** The field path of evidence about a whole object: shared, frozen (one empty array per workload added up). */
export const WHOLE_OBJECT: FieldPath = Object.freeze([]);

/** One ObjectRef per object for all its evidence: a workload is cited by a dozen edges. */
const refs = new WeakMap<K8sObject, ObjectRef>();

function refOf(object: K8sObject): ObjectRef {
  let ref = refs.get(object);
  if (ref === undefined) refs.set(object, (ref = objectRef(object)));
  return ref;
}

/** All four fields in one literal (undefined when absent): properties added afterwards took a second store. */
export function objectEvidence(object: K8sObject, fieldPath?: FieldPath, detail?: string): Evidence {
  return { object: refOf(object), source: object.source, fieldPath: fieldPath || undefined, detail: detail || undefined };
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

/** A role's rule and what it allows, worded when read: `allows`, the scope's words when a scope is given, `after`. */
class RuleEvidence implements Evidence {
  readonly object: ObjectRef;
  readonly source: SourceRef | undefined;

  constructor(
    origin: RuleOrigin,
    readonly fieldPath: FieldPath,
    private readonly allows: string,
    private readonly scope: string | undefined,
    private readonly after: string,
  ) {
    this.object = stripped(origin.role);
    this.source = origin.role.source;
  }

  get detail(): string {
    return this.scope === undefined ? this.allows + this.after : `${this.allows} ${scopeText(this.scope)}${this.after}`;
  }
}

/** The evidence of one rule, by wording and scope: the rule of a role is cited by every holder of a binding of it. */
interface RuleWordings {
  path: FieldPath;
  plain: Map<string, Evidence>;
  scoped: Map<string, Map<string, Evidence>>;
}

/**
 * The binding that gives the grant and the rule that allows it, with what it allows in words: `allows`, then, given
 * a scope ('' for cluster-wide), "in namespace N" or "in every namespace", then `after`. The binding's evidence
 * (which depends on the grant alone) is made once per grant, and the rule's once per rule, wording and scope: the
 * words are made when shown, and nothing is joined per call (holders of a grant were 170,000 calls at 50,000 pods).
 */
export function grantEvidence(grant: Grant, allows: string, scope?: string, after = ''): Evidence[] {
  const { binding, ruleOrigin } = grant.via;
  if (grant.via.bypass) {
    const words = scope === undefined ? allows + after : `${allows} ${scopeText(scope)}${after}`;
    return [{ object: stripped(binding), source: binding.source, detail: `members of ${binding.name} bypass RBAC: ${words}` }];
  }
  let bound = bindingEvidence.get(grant);
  if (bound === undefined) bindingEvidence.set(grant, (bound = new BindingEvidence(grant)));
  let wordings = ruleEvidence.get(ruleOrigin);
  if (wordings === undefined) ruleEvidence.set(ruleOrigin, (wordings = { path: ['rules', ruleOrigin.ruleIndex], plain: new Map(), scoped: new Map() }));
  let rule: Evidence | undefined;
  if (after !== '') rule = new RuleEvidence(ruleOrigin, wordings.path, allows, scope, after);
  else if (scope === undefined) {
    rule = wordings.plain.get(allows);
    if (rule === undefined) wordings.plain.set(allows, (rule = new RuleEvidence(ruleOrigin, wordings.path, allows, undefined, '')));
  } else {
    let byScope = wordings.scoped.get(allows);
    if (byScope === undefined) wordings.scoped.set(allows, (byScope = new Map()));
    rule = byScope.get(scope);
    if (rule === undefined) byScope.set(scope, (rule = new RuleEvidence(ruleOrigin, wordings.path, allows, scope, '')));
  }
  return [bound, rule];
}

const bindingEvidence = new WeakMap<Grant, Evidence>();
const ruleEvidence = new WeakMap<RuleOrigin, RuleWordings>();
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
