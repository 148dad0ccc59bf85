/**
 * Optional sections of the threat model that other parts of kubethreat add as they land: attack paths (graph/),
 * entry points, RBAC subjects (rbac/), the namespace reachability matrix (network/) and a risk per finding.
 *
 * The reporters never assume these fields exist. Each reader looks for the field, reads what it recognises with
 * type guards and returns a small view, or undefined when the model has no such section. When a producer fixes its
 * shape, only its reader here needs to follow; every reporter renders the view.
 */
import type { Finding } from '../engine/finding.js';
import type { ThreatModel } from '../engine/threat-model.js';
import { asArray, asNumber, asString, isRecord } from '../model/json.js';
import { objectKey, type ObjectRef } from '../model/object.js';

export interface PathStepView {
  from: string;
  to: string;
  technique: string;
  /** file:line of the evidence, when the step names one. */
  location?: string;
}

export interface AttackPathView {
  title: string;
  steps: PathStepView[];
  /** A score, likelihood or difficulty when the producer gives one, as text. */
  rank?: string;
}

export interface EntryPointView {
  label: string;
  /** How it is reached: "LoadBalancer Service", "Ingress", "hostPort", … */
  via: string;
  /** Object keys (Kind/namespace/name) of the workloads behind it. */
  workloads: string[];
}

export interface SubjectView {
  subject: string;
  risk: string;
  detail: string;
}

export interface NamespaceMatrixView {
  namespaces: string[];
  /** cells[i][j]: whether pods of namespaces[i] reach pods of namespaces[j]: 'all', 'some' or 'none'. */
  cells: string[][];
}

export interface RiskView {
  likelihood?: string;
  impact?: string;
  risk?: string;
  /** Why, in words: "reachable from the internet; reaches cluster-admin in 3 steps". */
  reason?: string;
}

/** The model seen as an open record, so that fields added later can be read without a type of their own here. */
function field(model: ThreatModel, name: string): unknown {
  return (model as unknown as Record<string, unknown>)[name];
}

/** A readable name for a node of the graph or an endpoint: a string, an ObjectRef, or a record with a label. */
export function labelOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  for (const key of ['label', 'title', 'id']) {
    const text = asString(value[key]);
    if (text) return text;
  }
  const name = asString(value.name);
  const kind = asString(value.kind);
  if (name && kind) return objectKey({ apiVersion: asString(value.apiVersion) ?? '', kind, name, namespace: asString(value.namespace) } as ObjectRef);
  if (name) return name;
  if (isRecord(value.object)) return labelOf(value.object);
  return undefined;
}

function locationOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const location = isRecord(value.location) ? value.location : isRecord(value.evidence) && isRecord(value.evidence.location) ? value.evidence.location : undefined;
  if (!location) return undefined;
  const file = asString(location.file);
  const line = asNumber(location.line);
  return file ? (line !== undefined ? `${file}:${line}` : file) : undefined;
}

function readStep(value: unknown): PathStepView | undefined {
  if (!isRecord(value)) return undefined;
  const from = labelOf(value.from ?? value.source);
  const to = labelOf(value.to ?? value.target);
  const technique = labelOf(value.technique) ?? asString(value.edge) ?? asString(value.kind) ?? 'step';
  if (!from || !to) return undefined;
  const step: PathStepView = { from, to, technique };
  const location = locationOf(value);
  if (location) step.location = location;
  return step;
}

export function readAttackPaths(model: ThreatModel): AttackPathView[] | undefined {
  const raw = field(model, 'attackPaths');
  if (!Array.isArray(raw)) return undefined;
  const paths: AttackPathView[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const steps = asArray(entry.steps ?? entry.edges).map(readStep).filter((step): step is PathStepView => step !== undefined);
    if (steps.length === 0) continue;
    const title = asString(entry.title) ?? asString(entry.summary) ?? `${labelOf(entry.from) ?? steps[0].from} → ${labelOf(entry.to) ?? steps[steps.length - 1].to}`;
    const path: AttackPathView = { title, steps };
    const rank = asString(entry.risk) ?? asString(entry.likelihood) ?? (asNumber(entry.score) ?? asNumber(entry.difficulty))?.toString();
    if (rank !== undefined) path.rank = rank;
    paths.push(path);
  }
  return paths;
}

export function readEntryPoints(model: ThreatModel): EntryPointView[] | undefined {
  const raw = field(model, 'entryPoints');
  if (!Array.isArray(raw)) return undefined;
  const out: EntryPointView[] = [];
  for (const entry of raw) {
    const label = labelOf(entry);
    if (!label || !isRecord(entry)) continue;
    const targets = asArray(entry.workloads ?? entry.targets ?? (entry.workload !== undefined ? [entry.workload] : []));
    out.push({
      label,
      via: asString(entry.via) ?? asString(entry.kind) ?? asString(entry.type) ?? 'entry point',
      workloads: targets.map(labelOf).filter((text): text is string => text !== undefined),
    });
  }
  return out;
}

export function readRbacSubjects(model: ThreatModel): SubjectView[] | undefined {
  const rbac = field(model, 'rbac');
  if (!isRecord(rbac) || !Array.isArray(rbac.subjects)) return undefined;
  const out: SubjectView[] = [];
  for (const entry of rbac.subjects) {
    if (!isRecord(entry)) continue;
    const subject = labelOf(entry.subject) ?? labelOf(entry);
    if (!subject) continue;
    const permissions = asArray(entry.permissions ?? entry.grants).length;
    out.push({
      subject,
      risk: asString(entry.risk) ?? 'other',
      detail: asString(entry.summary) ?? asString(entry.detail) ?? (permissions > 0 ? `${permissions} grants` : ''),
    });
  }
  return out;
}

export function readNamespaceMatrix(model: ThreatModel): NamespaceMatrixView | undefined {
  const network = field(model, 'network');
  const matrix = isRecord(network) ? network.namespaceMatrix : undefined;
  if (!isRecord(matrix)) return undefined;
  const namespaces = asArray(matrix.namespaces).filter((name): name is string => typeof name === 'string');
  const cells = asArray(matrix.cells).map((row) => asArray(row).map((cell) => asString(cell) ?? '?'));
  if (namespaces.length === 0 || cells.length !== namespaces.length) return undefined;
  return { namespaces, cells };
}

/** The attack graph's risk of a finding in words (src/engine/finding.ts FindingRisk); undefined without a graph. */
export function readRisk(finding: Finding): RiskView | undefined {
  const risk = finding.risk;
  if (risk === undefined) return undefined;
  return { likelihood: String(risk.likelihood), impact: String(risk.impact), risk: risk.level, reason: risk.reasons.join('; ') };
}

export interface AcceptedRiskView {
  ruleId: string;
  title: string;
  severity: string;
  /** Kind/namespace/name, with the container when the finding names one. */
  subject: string;
  reason: string;
  /** Last day the acceptance applies, YYYY-MM-DD. */
  expires: string;
  owner?: string;
  /** file:line where the decision is written (.kubethreat.yaml or the annotated manifest). */
  source?: string;
}

/** The findings the team accepted (`accepted`, each with its `acceptance`: src/config). */
export function readAcceptedRisks(model: ThreatModel): AcceptedRiskView[] | undefined {
  const raw = field(model, 'accepted');
  if (!Array.isArray(raw)) return undefined;
  const out: AcceptedRiskView[] = [];
  for (const entry of raw) {
    if (!isRecord(entry) || !isRecord(entry.acceptance)) continue;
    const ruleId = asString(entry.ruleId);
    const object = labelOf(entry.object);
    if (!ruleId || !object) continue;
    const container = asString(entry.container);
    const view: AcceptedRiskView = {
      ruleId,
      title: asString(entry.title) ?? ruleId,
      severity: asString(entry.severity) ?? '',
      subject: container !== undefined ? `${object} (container ${container})` : object,
      reason: asString(entry.acceptance.reason) ?? '',
      expires: asString(entry.acceptance.expires) ?? '',
    };
    const owner = asString(entry.acceptance.owner);
    if (owner !== undefined) view.owner = owner;
    const source = locationOf({ location: entry.acceptance.source });
    if (source !== undefined) view.source = source;
    out.push(view);
  }
  return out;
}
