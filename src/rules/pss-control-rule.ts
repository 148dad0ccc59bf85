/**
 * Rules that correspond to Pod Security Standards controls. They do not re-implement PSS: each one runs its
 * control(s) of the exact PSA evaluator (src/admission/pss) on every analysed workload's pod, at the policy version
 * the user chose, and turns the violations into findings: paths translated from the pod root to the object root,
 * the container found in the workload, and a message the rule words.
 */
import { checkControls, parsePssVersion, pssVersionOnCluster, PSS_CONTROLS } from '../admission/pss/index.js';
import type { ContainerRef, PodInput, PssControlId, PssVersion, PssViolation } from '../admission/pss/index.js';
import type { FieldPath } from '../model/object.js';
import { admittedPods } from '../model/admitted-containers.js';
import { formatPath } from '../model/object.js';
import { podView, type Container, type Workload } from '../model/workload.js';
import type { Severity } from '../taxonomy/index.js';
import type { FixSource } from '../fix/types.js';
import { defineRule, type Rule, type RuleMeta, type RuleReferences } from './define-rule.js';
import { analysedWorkloads, workloadLabel } from './helpers.js';

/** The violations one finding is about, with what a rule needs to word it. */
export interface ViolationGroup {
  workload: Workload;
  /** The pod as Pod Security Admission sees it (the template's metadata and spec). */
  pod: PodInput;
  /** The container the violations are about; undefined for pod-level fields (volumes, namespaces, annotations). */
  container: Container | undefined;
  /** Never empty, in the evaluator's order; paths are from the pod root. */
  violations: readonly PssViolation[];
  version: PssVersion;
  /** The cluster's Kubernetes version, when known (AnalysisOptions.kubernetesVersion). */
  kubernetesVersion: string | undefined;
}

export interface PssFindingText {
  messageId: string;
  /** Added to the data every finding gets: `workload`, `subject` and, for a container, `container`. */
  data?: Record<string, string | number>;
  severity?: Severity;
  /** From the pod root; by default the deepest path all the group's violations share. */
  path?: FieldPath;
  /** Edits of the workload (paths from the object root) that remove the threat; only for rules that declare `fix`. */
  fix?: FixSource;
}

export interface PssControlRuleSpec extends Omit<RuleMeta, 'references'> {
  /** `pss` defaults to the controls, e.g. "baseline/privileged". */
  references: RuleReferences;
  controls: readonly PssControlId[];
  /** Keeps the violations the rule is about, e.g. only hostPID of hostNamespaces. */
  select?: (violation: PssViolation) => boolean;
  /**
   * `owner`: one finding per offending container, and one per object for pod-level fields.
   * `violation`: one finding per violation (a volume, a host namespace), each a threat of its own.
   */
  findingPer: 'owner' | 'violation';
  /** The words of one finding; return undefined to drop a group the rule judges harmless (say why where it does). */
  describe(group: ViolationGroup): PssFindingText | undefined;
}

export function definePssControlRule(spec: PssControlRuleSpec): Rule {
  const { controls, select, findingPer, describe, references, ...meta } = spec;
  return defineRule({
    ...meta,
    references: { pss: pssReference(controls), ...references },
    check({ estate, options, report }) {
      // The CLI validates --pss-version; anything unparsable here falls back to the newest policy.
      // A version newer than the cluster's release (latest included) means that release's policy (pssVersionOnCluster).
      const version = pssVersionOnCluster(parsePssVersion(options.pssVersion) ?? 'latest', options.kubernetesVersion);
      const reportGroups = (workload: Workload, pod: PodInput, found: PssViolation[], templatePath: FieldPath, containerAt: (ref: ContainerRef) => Container | undefined): void => {
        const violations = uniqueByPath(select ? found.filter(select) : found);
        for (const group of groupViolations(violations, findingPer)) {
          const container = group.container ? containerAt(group.container) : undefined;
          const text = describe({ workload, pod, container, violations: group.violations, version, kubernetesVersion: options.kubernetesVersion });
          if (!text) continue;
          report({
            messageId: text.messageId,
            data: findingData(workload, container, text.data),
            object: workload.object,
            ...(container ? { container } : {}),
            // concat: an exact-size array, kept by the finding (a spread literal reserves ~20 slots).
            path: templatePath.concat(text.path ?? commonPath(group.violations.map((violation) => violation.path))),
            ...(text.severity ? { severity: text.severity } : {}),
            ...(text.fix ? { fix: text.fix } : {}),
          });
        }
      };
      for (const workload of analysedWorkloads(estate)) {
        const pod = podView(workload);
        const found = checkControls(pod, controls, version);
        // Most pods: nothing more to build.
        if (found.length > 0) reportGroups(workload, pod, found, workload.templatePath, (ref) => containerOf(workload, ref));
        for (const admitted of admittedViolations(workload, (pod) => checkControls(pod, controls, version))) {
          reportGroups(workload, admitted.pod, admitted.violations, [], (ref) => admitted.containers.find((container) => sameContainer(container, ref)));
        }
      }
    },
  });
}

const subjectCache = new WeakMap<Container, string>();

/**
 * The data every finding gets, then the rule's own. Findings keep it until a reporter formats the message, so it is
 * one literal (a spread of a temporary object added its keys one by one) and a container's subject string is made
 * once for all the findings about that container (a WeakMap: it goes with the estate).
 */
function findingData(workload: Workload, container: Container | undefined, extra: Record<string, string | number> | undefined): Record<string, string | number> {
  const label = workloadLabel(workload);
  let data: Record<string, string | number>;
  if (container === undefined) data = { workload: label, subject: label };
  else {
    let subject = subjectCache.get(container);
    if (subject === undefined) subjectCache.set(container, (subject = `Container ${container.name} of ${label}`));
    data = { workload: label, subject, container: container.name };
  }
  return extra === undefined ? data : Object.assign(data, extra);
}

/** "baseline/hostNamespaces", or several joined: PSA's own check ids, so a finding can be matched to a kubectl warning. */
function pssReference(controls: readonly PssControlId[]): string {
  return controls
    .map((id) => {
      const meta = PSS_CONTROLS.find((control) => control.id === id);
      return meta ? `${meta.level}/${id}` : id;
    })
    .join(', ');
}

/**
 * Two controls may name the same field (procMount and its restricted variant): that is one fact, reported once.
 * A pod has a handful of violations: paths are compared pairwise rather than turned into JSON keys, and a list of
 * one is returned as it is.
 */
export function uniqueByPath(violations: PssViolation[]): PssViolation[] {
  if (violations.length < 2) return violations;
  const unique: PssViolation[] = [];
  for (const violation of violations) if (!unique.some((kept) => samePath(kept.path, violation.path))) unique.push(violation);
  return unique;
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

interface RawGroup {
  container: ContainerRef | undefined;
  violations: PssViolation[];
}

function groupViolations(violations: readonly PssViolation[], findingPer: 'owner' | 'violation'): RawGroup[] {
  if (findingPer === 'violation') return violations.map((violation) => ({ container: violation.container, violations: [violation] }));
  const groups = new Map<string, RawGroup>();
  for (const violation of violations) {
    const key = violation.container ? `${violation.container.list}/${violation.container.index}` : 'pod';
    const group = groups.get(key);
    if (group) group.violations.push(violation);
    else groups.set(key, { container: violation.container, violations: [violation] });
  }
  return [...groups.values()];
}

/** What the Pod Security checks find on the containers admission added to a workload's Pods, per Pod they were read from. */
export interface AdmittedViolations {
  /** The Pod as admitted, as admittedPods gives it. */
  pod: PodInput;
  /** The containers of Workload.admitted read from it. */
  containers: Container[];
  /** Never empty; only those of `containers`, with paths from the Pod's root. */
  violations: PssViolation[];
}

/**
 * Runs `check` on each Pod the workload's admitted containers (Workload.admitted) were read from, and keeps what it
 * finds on those containers: the rest of the Pod is its template's, judged as such.
 */
export function admittedViolations(workload: Workload, check: (pod: PodInput) => PssViolation[]): AdmittedViolations[] {
  if (workload.admitted.length === 0) return [];
  const found: AdmittedViolations[] = [];
  for (const { pod, containers } of admittedPods(workload)) {
    const violations = check(pod).filter((violation) => violation.container !== undefined);
    if (violations.length > 0) found.push({ pod, containers, violations });
  }
  return found;
}

/** Whether the container is the one a Pod Security violation names (its list and index). */
export function sameContainer(container: Container, ref: ContainerRef): boolean {
  return container.list === ref.list && container.index === ref.index;
}

function containerOf(workload: Workload, ref: ContainerRef): Container | undefined {
  return workload.containers.find((container) => sameContainer(container, ref));
}

/** The longest path every one of `paths` starts with: the list that holds several offending entries, for example. */
export function commonPath(paths: readonly FieldPath[]): FieldPath {
  if (paths.length === 0) return [];
  const first = paths[0];
  if (paths.length === 1) return first; // concatenated onto the template path by the caller, never changed
  let length = first.length;
  for (let index = 1; index < paths.length; index++) {
    const path = paths[index];
    let shared = 0;
    while (shared < Math.min(length, path.length) && path[shared] === first[shared]) shared++;
    length = shared;
  }
  return first.slice(0, length);
}

/** The offending values of a group, quoted and joined: `"SYS_ADMIN", "NET_ADMIN"`. */
export function quotedValues(violations: readonly PssViolation[]): string {
  return violations.map((violation) => JSON.stringify(violation.value ?? '')).join(', ');
}

/** How a field of the pod reads in a message: securityContext.seccompProfile.type, relative to its owner. */
export function fieldName(violation: PssViolation): string {
  const path = violation.path;
  const containerDepth = violation.container ? 3 : path[0] === 'spec' ? 1 : 0;
  return formatPath(path.slice(containerDepth));
}
