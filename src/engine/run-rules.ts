/** Runs the catalogue over an estate and turns reports into findings. */
import type { Estate } from '../model/estate.js';
import type { FieldPath, K8sObject, Location, ObjectRef, SourceRef } from '../model/object.js';
import { objectKey, objectRef } from '../model/object.js';
import { SEVERITIES, severityRank } from '../taxonomy/index.js';
import type { FindingReport, Rule } from '../rules/define-rule.js';
import type { AnalysisOptions } from './options.js';
import type { Finding } from './finding.js';
import { hashWords, stableFingerprintHash } from './fingerprint.js';
import { AdmittedRuleFinding, RuleFinding, type FindingRule, type ObjectSite, type SharedPath } from './rule-finding.js';
import { sharedPaths, type SharedPaths } from './shared-paths.js';
import { isPlatformComponent } from '../model/platform.js';
import { timed } from './timings.js';
import type { InputProblem } from '../load/problems.js';

export type Locate = (source: SourceRef, path: FieldPath) => Location;

export const locateObjectOnly: Locate = (source) => {
  const location: Location = { file: source.file, line: source.line, column: source.column };
  if (source.helmTemplate) location.helmTemplate = source.helmTemplate;
  return location;
};

export function selectRules(rules: readonly Rule[], options: AnalysisOptions): Rule[] {
  return rules.filter((rule) => (options.onlyRules.length === 0 || options.onlyRules.includes(rule.id)) && !options.skipRules.includes(rule.id));
}

/**
 * Leaves out the rules that report the absence of a resource the input could not include (a live cluster refused to
 * list it: see InputProblem.unlisted), with a notice for each: their findings would be false positives. `cluster`
 * names the cluster in the notices, when the problems are those of one cluster of several.
 */
export function rulesWithEvidence(rules: readonly Rule[], problems: readonly InputProblem[], cluster?: string): { rules: Rule[]; notices: InputProblem[] } {
  const unlisted = new Map(problems.flatMap((problem) => (problem.unlisted !== undefined ? [[problem.unlisted, problem] as const] : [])));
  // Read in some namespaces only (--include-namespace): evidence of what those namespaces lack, not the cluster.
  const partly = new Map(problems.flatMap((problem) => (problem.partlyListed ?? []).map((resource) => [resource, problem] as const)));
  if (unlisted.size === 0 && partly.size === 0) return { rules: [...rules], notices: [] };
  const kept: Rule[] = [];
  const notices: InputProblem[] = [];
  const forCluster = cluster !== undefined ? ` for cluster ${cluster}` : '';
  for (const rule of rules) {
    const missing = (rule.absenceOf ?? []).filter((resource) => unlisted.has(resource));
    const partial = rule.absenceWithinNamespace === true ? [] : (rule.absenceOf ?? []).filter((resource) => !unlisted.has(resource) && partly.has(resource));
    if (missing.length === 0 && partial.length === 0) {
      kept.push(rule);
      continue;
    }
    notices.push(
      missing.length > 0
        ? {
            severity: 'notice',
            file: unlisted.get(missing[0])!.file,
            message: `rule ${rule.id} did not run${forCluster}: it reports what is missing, and ${missing.join(' and ')} could not be listed`,
            skipped: `rule ${rule.id}${forCluster}`,
            hint: `grant list on ${missing.join(' and ')} to the identity kubethreat runs as`,
          }
        : {
            severity: 'notice',
            file: partly.get(partial[0])!.file,
            message: `rule ${rule.id} did not run${forCluster}: it reports what the whole cluster lacks, and ${partial.join(' and ')} were read in some namespaces only`,
            skipped: `rule ${rule.id}${forCluster}`,
            hint: 'read the whole cluster, without --include-namespace',
          },
    );
  }
  return { rules: kept, notices };
}

export function runRules(estate: Estate, rules: readonly Rule[], options: AnalysisOptions, locate: Locate, now: Date): RuleFinding[] {
  const findings: RuleFinding[] = [];
  // One ObjectRef per object, shared by its findings (a workload has a dozen): findings are read, never mutated.
  const shared = sharedValues();
  for (const rule of rules) {
    // Fingerprints start with the rule's id: the hashes of one rule's findings tell duplicates apart.
    const seen = new HashWordsSet();
    const report = (input: FindingReport): void => {
      const finding = toFinding(rule, input, locate, shared, options.fixes !== false, seen);
      if (finding !== undefined) findings.push(finding);
    };
    timed(`rule ${rule.id}`, () => rule.check({ estate, options, now, report }));
  }
  return timed('sort findings', () => sortFindings(findings));
}

/** Values many findings repeat, made once: what is known of an object, and each distinct path (./shared-paths.ts). */
interface Shared {
  site(object: K8sObject): ObjectSite;
  paths: SharedPaths;
  /** What the findings on the containers admission added to a Pod (see admittedFinding) say of it, made once per Pod. */
  admittedEvidence(pod: ObjectSite): { label: string; related: ObjectRef[] };
}

function sharedValues(): Shared {
  const sites = new Map<K8sObject, ObjectSite>();
  // The last object asked for: a rule reports an object's findings one after the other (one per container, port…).
  let lastObject: K8sObject | undefined;
  let lastSite: ObjectSite | undefined;
  const admitted = new Map<ObjectSite, { label: string; related: ObjectRef[] }>();
  return {
    paths: sharedPaths(),
    admittedEvidence(pod) {
      let evidence = admitted.get(pod);
      if (evidence === undefined) admitted.set(pod, (evidence = { label: `Pod ${pod.ref.namespace}/${pod.ref.name}`, related: [pod.ref] }));
      return evidence;
    },
    site(object) {
      if (object === lastObject) return lastSite!;
      let site = sites.get(object);
      if (site === undefined) sites.set(object, (site = { ref: objectRef(object), platform: undefined, location: undefined, rank: 0 }));
      lastObject = object;
      lastSite = site;
      return site;
    },
  };
}

/**
 * Where a finding is: its field, or the object. A source whose fields are not located (SourceRef.fieldsUnlocated) is
 * not asked again once its object's Location is known: 800,000 findings at 150,000 pods, a Location made each.
 */
function locatedAt(site: ObjectSite, source: SourceRef, path: FieldPath, locate: Locate): Location {
  if (source.fieldsUnlocated === true && site.location !== undefined) return site.location;
  return sharedLocation(site, source, locate(source, path));
}

/** Objects of a large streamed dump are located to the object, not the field: their findings share one Location. */
function sharedLocation(site: ObjectSite, source: SourceRef, found: Location): Location {
  if (found.line !== source.line || found.column !== source.column || found.file !== source.file) return found;
  if (site.location === undefined || site.location.helmTemplate !== found.helmTemplate) site.location = found;
  return site.location;
}

/** The finding of a report; undefined for a fact the rule already reported (e.g. through two paths): `seen` has its hash. */
function toFinding(rule: Rule, input: FindingReport, locate: Locate, shared: Shared, keepFix: boolean, seen: HashWordsSet): RuleFinding | undefined {
  if (rule.messages[input.messageId] === undefined) throw new Error(`rule ${rule.id} reported unknown message id "${input.messageId}"`);
  const site = shared.site(input.object);
  const containerName = input.container?.name;
  const at = shared.paths.path(input.path);
  const [hashHigh, hashLow] = hashWords(stableFingerprintHash(rule.id, site.ref, at.stable(containerName), containerName, input.messageId));
  if (!seen.add(hashHigh, hashLow)) return undefined;
  if (input.fix !== undefined) assertFixDeclared(rule);
  // Whether the object is a platform component, asked once per object: the findings read it from their site.
  if (rule.reportOnPlatform !== true) site.platform ??= isPlatformComponent(input.object);
  const admittedIn = input.container?.admittedIn;
  if (admittedIn !== undefined) return admittedFinding(rule, input, site, at, locate, shared, admittedIn, hashHigh, hashLow);
  return new RuleFinding(
    rule,
    input.severity ?? rule.severity,
    site,
    containerName,
    at,
    locatedAt(site, input.object.source, input.path, locate),
    relatedRefs(input.related, (object) => shared.site(object).ref),
    input.messageId,
    input.data ?? NO_DATA,
    hashHigh,
    hashLow,
    keepFix ? input.fix : undefined,
  );
}

/**
 * A finding on a container the workload's Pods were given at admission (Workload.admitted): its path is from the Pod
 * it was read from, so it is located there, and that Pod is part of the evidence. It has no fix: the workload's
 * manifest does not hold the container; what adds it (a webhook's configuration) does.
 */
function admittedFinding(rule: Rule, input: FindingReport, site: ObjectSite, at: SharedPath, locate: Locate, shared: Shared, pod: K8sObject, hashHigh: number, hashLow: number): RuleFinding {
  const podSite = shared.site(pod);
  const evidence = shared.admittedEvidence(podSite);
  const finding = new AdmittedRuleFinding(
    rule,
    input.severity ?? rule.severity,
    site,
    input.container?.name,
    at,
    locatedAt(podSite, pod.source, input.path, locate),
    input.related === undefined || input.related.length === 0 ? evidence.related : relatedRefs([...input.related, pod], (object) => shared.site(object).ref),
    input.messageId,
    { ...input.data, admittedIn: evidence.label },
    hashHigh,
    hashLow,
    undefined,
  );
  finding.admittedIn = podSite.ref;
  return finding;
}

/**
 * The fingerprint hashes of one rule's findings so far, as the two words findings keep (see hashWords): numbers, not
 * the hex strings, which would stay alive (with the 64-digit digest each is a slice of) until the rule is done.
 */
export class HashWordsSet {
  /** The low word of the first hash with each high word; the others, rare, in `more`. */
  private readonly lows = new Map<number, number>();
  private readonly more = new Map<number, number[]>();

  /** Adds the hash; false when it was there already. */
  add(high: number, low: number): boolean {
    const first = this.lows.get(high);
    if (first === undefined) {
      this.lows.set(high, low);
      return true;
    }
    if (first === low) return false;
    const others = this.more.get(high);
    if (others === undefined) this.more.set(high, [low]);
    else if (others.includes(low)) return false;
    else others.push(low);
    return true;
  }
}

const NO_DATA: Record<string, string | number> = Object.freeze({}) as Record<string, string | number>;

/**
 * The fix contract (as ESLint's `fixable`): only a rule that declares `fix` may attach one, and a rule that declares
 * only suggestions cannot hand out a safe fix (RuleFinding stamps the kind when the fix is read). A violation is a bug
 * in the rule, so it throws.
 */
function assertFixDeclared(rule: Rule): void {
  if (rule.fix === undefined) throw new Error(`rule ${rule.id} attached a fix but does not declare one (fix: 'safe' | 'suggestion' in its metadata)`);
}

const NONE: readonly ObjectRef[] = Object.freeze([]);

function relatedRefs(related: FindingReport['related'], refOf: (object: K8sObject) => ObjectRef): ObjectRef[] {
  if (related === undefined || related.length === 0) return NONE as ObjectRef[];
  const refs = related.map((value) => ('raw' in value ? refOf(value) : value));
  if (refs.length === 1) return refs;
  const keyed = refs.map((ref) => ({ ref, key: objectKey(ref) }));
  keyed.sort((a, b) => compareText(a.key, b.key));
  return keyed.map((entry) => entry.ref);
}

/**
 * The order of compareFindings, computed cheaply for hundreds of thousands of findings: each object's key is built
 * and ranked once (findings share their object's site, see runRules), so most comparisons are between two numbers.
 */
function sortFindings(findings: readonly RuleFinding[]): RuleFinding[] {
  // Objects ranked by objectKey, each key built once (findings share their object's site); equal keys, equal rank.
  const sites = new Set<ObjectSite>();
  const rulesSeen = new Set<FindingRule>();
  for (const finding of findings) {
    sites.add(finding.site);
    rulesSeen.add(finding.rule);
  }
  const keyed = [...sites].map((site) => ({ site, key: objectKey(site.ref) })).sort((a, b) => compareText(a.key, b.key));
  let objects = 0;
  for (let index = 0; index < keyed.length; index++) {
    if (index > 0 && keyed[index].key !== keyed[index - 1].key) objects++;
    keyed[index].site.rank = objects;
  }
  objects++;
  const ruleRanks = new Map([...rulesSeen].sort((a, b) => compareText(a.id, b.id)).map((rule, rank) => [rule, rank]));
  const rules = Math.max(ruleRanks.size, 1);
  // Severity, rule and object in one number (at most 5 × 1,000 × 10⁹: exact in a double), so most comparisons are one
  // subtraction; the container, path and fingerprint break the rare ties. Indices are sorted, not wrapper objects:
  // 800,000 findings made as many wrappers.
  const ranks = new Float64Array(findings.length);
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index];
    ranks[index] = (SEVERITIES.length - 1 - severityRank(finding.severity)) * rules * objects + ruleRanks.get(finding.rule)! * objects + finding.site.rank;
  }
  const byTies = (a: number, b: number): number =>
    compareText(findings[a].container ?? '', findings[b].container ?? '') ||
    compareText(findings[a].path, findings[b].path) ||
    // The same rule: fingerprints differ by their hash, compared as its hex digits would be.
    (findings[a].hashHigh >>> 0) - (findings[b].hashHigh >>> 0) ||
    (findings[a].hashLow >>> 0) - (findings[b].hashLow >>> 0);
  return sortedByRank(ranks, byTies).map((index) => findings[index]);
}

/**
 * Indices in the order of their ranks (whole numbers, 0 or more), `byTies` ordering equal ones. Each rank and its index are packed into one
 * number and sorted natively, with no comparator call (800,000 findings made 16 million of them, 0.5 s); only the
 * few runs of equal ranks (a rule's findings on the containers of one workload) are sorted with `byTies`.
 */
export function sortedByRank(ranks: Float64Array, byTies: (a: number, b: number) => number): number[] {
  let highest = 0;
  for (let index = 0; index < ranks.length; index++) if (ranks[index] > highest) highest = ranks[index];
  const slots = 2 ** Math.ceil(Math.log2(ranks.length + 1));
  if ((highest + 1) * slots > Number.MAX_SAFE_INTEGER) {
    // Too many to pack exactly: the comparator does it all.
    return Array.from({ length: ranks.length }, (_, index) => index).sort((a, b) => ranks[a] - ranks[b] || byTies(a, b));
  }
  const packed = new Float64Array(ranks.length);
  for (let index = 0; index < ranks.length; index++) packed[index] = ranks[index] * slots + index;
  packed.sort();
  const order = new Array<number>(ranks.length);
  for (let position = 0; position < packed.length; position++) order[position] = packed[position] % slots;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && ranks[order[end]] === ranks[order[start]]) end++;
    if (end - start > 1) {
      const run = order.slice(start, end).sort(byTies);
      for (let offset = 0; offset < run.length; offset++) order[start + offset] = run[offset];
    }
    start = end;
  }
  return order;
}

/** The fields that order findings: engine findings and the findings of a diff (read back from a JSON report) alike. */
export type OrderedFinding = Pick<Finding, 'severity' | 'ruleId' | 'object' | 'container' | 'path' | 'fingerprint'>;

export function compareFindings(a: OrderedFinding, b: OrderedFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(objectKey(a.object), objectKey(b.object)) ||
    compareText(a.container ?? '', b.container ?? '') ||
    compareText(a.path, b.path) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
