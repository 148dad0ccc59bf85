/**
 * The contract of a rule: metadata as data (the single source of the listing, the docs, SARIF and the HTML legend)
 * and a check that only reports facts. The engine formats messages, computes fingerprints and locations.
 */
import type { Boundary, Severity, Stride } from '../taxonomy/index.js';
import type { Estate } from '../model/estate.js';
import type { FieldPath, K8sObject, ObjectRef } from '../model/object.js';
import type { Container } from '../model/workload.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { FixKind, FixSource } from '../fix/types.js';

export interface RuleReferences {
  /** MITRE ATT&CK technique ids, e.g. T1611. */
  attack?: string[];
  /** Microsoft threat matrix for Kubernetes technique names. */
  microsoft?: string[];
  /** Pod Security Standards control, e.g. "baseline/privileged". */
  pss?: string;
  /** CIS Kubernetes Benchmark recommendation numbers. */
  cis?: string[];
  cwe?: string[];
  /** The equivalent checks of other scanners, e.g. "kube-linter:privileged-container". */
  peers?: string[];
  /** Further reading. */
  links?: string[];
}

export interface RuleMeta {
  /** kebab-case; names the rule's folder, docs page, SARIF ruleId, suppression key and fingerprint prefix. */
  id: string;
  title: string;
  boundary: Boundary;
  stride: Stride[];
  severity: Severity;
  references: RuleReferences;
  /** Why this matters to an attacker, in a sentence or three. */
  rationale: string;
  /** The measure that removes the threat. */
  remediation: string;
  /** Message templates with {{placeholders}}; a report names one by id. */
  messages: Record<string, string>;
  /** The threat is about an attacker keeping access (the threat model's persistence section). */
  persistence?: boolean;
  /** Report findings on the cluster's own components with the rest (they are grouped apart by default). */
  reportOnPlatform?: boolean;
  /**
   * The rule attaches fixes to its reports (see src/fix): `safe` ones (which may still mark one report's fix as a
   * suggestion) or only `suggestion`s. A rule that does not declare it cannot attach one: the engine refuses.
   */
  fix?: FixKind;
  /**
   * Resources (as RBAC names them: "networkpolicies.networking.k8s.io", "limitranges") whose absence the rule reports
   * or relies on. When a live cluster did not let kubethreat list one of them, the rule does not run: "no policy" would
   * only mean "not allowed to see the policies", and the run says so instead.
   */
  absenceOf?: readonly string[];
  /**
   * What the rule finds missing is missing within a namespace (no NetworkPolicy in it, no LimitRange), judged from
   * that namespace's objects alone: reading some namespaces whole (--include-namespace) is evidence enough for them.
   * Without it, a rule with `absenceOf` reports what the whole cluster lacks, and does not run on such a reading.
   */
  absenceWithinNamespace?: boolean;
}

export interface FindingReport {
  messageId: string;
  data?: Record<string, string | number>;
  object: K8sObject;
  /** Field path from the object's root to the offending (or missing) field. */
  path: FieldPath;
  container?: Container;
  /** Other objects that are part of the evidence (the role behind a binding, the Secret behind an env var, …). */
  related?: Array<K8sObject | ObjectRef>;
  /** Overrides the rule's severity for this finding (e.g. a writable versus read-only mount). */
  severity?: Severity;
  /** Edits of `object` that remove the threat, or a function making them; only for rules that declare `fix`. */
  fix?: FixSource;
}

export interface RuleContext {
  estate: Estate;
  options: AnalysisOptions;
  /** The time of the analysis, as the caller gave it (rules that judge dates, e.g. end of life, never read the clock). */
  now: Date;
  report(finding: FindingReport): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function defineRule(rule: Rule): Rule {
  if (!ID_PATTERN.test(rule.id)) throw new Error(`rule id "${rule.id}" is not kebab-case`);
  if (Object.keys(rule.messages).length === 0) throw new Error(`rule ${rule.id} declares no messages`);
  if (rule.stride.length === 0) throw new Error(`rule ${rule.id} declares no STRIDE category`);
  return rule;
}
