/**
 * One side of a diff, read from a JSON report (`scan --format json`) or from a fresh ThreatModel. Both are read by
 * the same code, through the fields the JSON report documents, so a diff of two reports and a diff of two scans of
 * the same manifests agree. Untrusted input: every field is checked, and a file that is not a kubethreat report is
 * refused with what is wrong.
 */
import { asArray, asBoolean, asNumber, asString, isRecord, type JsonRecord } from '../model/json.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import { BOUNDARIES, isSeverity, type Boundary } from '../taxonomy/index.js';
import type { ComparableControl, ComparableReport, ComparableWorkload, ControlStatusOrAbsent, DiffFinding } from './types.js';

/** The input is not a kubethreat JSON report (or a model) the diff can read. */
export class NotAReportError extends Error {}

const CONTROL_STATUSES: readonly string[] = ['present', 'missing', 'weak', 'not-applicable'];

/** Whether parsed JSON looks like a kubethreat report at all (and not, say, a kubectl List dump). */
export function isKubethreatReport(value: unknown): boolean {
  return isRecord(value) && isRecord(value.tool) && value.tool.name === 'kubethreat' && typeof value.schemaVersion === 'string' && Array.isArray(value.findings);
}

export function readComparable(value: unknown, label: string): ComparableReport {
  if (!isKubethreatReport(value)) throw new NotAReportError(`${label} is not a kubethreat JSON report (write one with "kubethreat scan --format json")`);
  const report = value as JsonRecord;
  const major = String(report.schemaVersion).split('.')[0];
  if (major !== '1') throw new NotAReportError(`${label} is a kubethreat report of schema version ${String(report.schemaVersion)}; this kubethreat reads version 1`);
  return {
    label,
    findings: asArray(report.findings).map((entry, index) => readFinding(entry, `${label}: findings[${index}]`)),
    accepted: asArray(report.accepted).map((entry, index) => readFinding(entry, `${label}: accepted[${index}]`)),
    controls: readControls(report.controls),
    workloads: readWorkloads(report.nodeBoundary),
  };
}

function readFinding(value: unknown, where: string): DiffFinding {
  if (!isRecord(value)) throw new NotAReportError(`${where} is not a finding`);
  const fingerprint = asString(value.fingerprint);
  const ruleId = asString(value.ruleId);
  const severity = asString(value.severity);
  const object = readObject(value.object);
  if (!fingerprint || !ruleId || !severity || !isSeverity(severity) || !object) {
    throw new NotAReportError(`${where} lacks a fingerprint, rule id, severity or object`);
  }
  const boundary = asString(value.boundary);
  const finding: DiffFinding = {
    fingerprint,
    ruleId,
    title: asString(value.title) ?? ruleId,
    severity,
    boundary: isBoundary(boundary) ? boundary : 'pod',
    object,
    path: asString(value.path) ?? '',
    location: readLocation(value.location),
    message: asString(value.message) ?? '',
  };
  const container = asString(value.container);
  if (container !== undefined) finding.container = container;
  if (isRecord(value.risk)) {
    const score = asNumber(value.risk.score);
    const level = asString(value.risk.level);
    if (score !== undefined && level !== undefined && isSeverity(level)) finding.risk = { score, level };
  }
  if (isRecord(value.acceptance)) {
    const acceptance: NonNullable<DiffFinding['acceptance']> = { reason: asString(value.acceptance.reason) ?? '', expires: asString(value.acceptance.expires) ?? '' };
    const owner = asString(value.acceptance.owner);
    if (owner !== undefined) acceptance.owner = owner;
    finding.acceptance = acceptance;
  }
  return finding;
}

function readObject(value: unknown): ObjectRef | undefined {
  if (!isRecord(value)) return undefined;
  const kind = asString(value.kind);
  const name = asString(value.name);
  if (!kind || !name) return undefined;
  const ref: ObjectRef = { apiVersion: asString(value.apiVersion) ?? '', kind, name };
  const namespace = asString(value.namespace);
  if (namespace !== undefined) ref.namespace = namespace;
  const cluster = asString(value.cluster);
  if (cluster !== undefined) ref.cluster = cluster;
  return ref;
}

function readLocation(value: unknown): Location {
  if (!isRecord(value)) return { file: '', line: 0, column: 0 };
  const location: Location = { file: asString(value.file) ?? '', line: asNumber(value.line) ?? 0, column: asNumber(value.column) ?? 0 };
  const helmTemplate = asString(value.helmTemplate);
  if (helmTemplate !== undefined) location.helmTemplate = helmTemplate;
  return location;
}

function readControls(value: unknown): ComparableControl[] {
  const out: ComparableControl[] = [];
  for (const group of asArray(value)) {
    if (!isRecord(group) || !isBoundary(asString(group.boundary))) continue;
    const boundary = group.boundary as Boundary;
    for (const control of asArray(group.controls)) {
      if (!isRecord(control)) continue;
      const id = asString(control.control);
      const status = asString(control.status);
      if (!id || !status || !CONTROL_STATUSES.includes(status)) continue;
      out.push({ boundary, control: id, title: asString(control.title) ?? id, scope: asString(control.scope) ?? '', status: status as ControlStatusOrAbsent, evidence: asString(control.evidence) ?? '' });
    }
  }
  return out;
}

function readWorkloads(value: unknown): ComparableWorkload[] {
  const out: ComparableWorkload[] = [];
  const pools = isRecord(value) ? asArray(value.pools) : [];
  for (const pool of pools) {
    if (!isRecord(pool)) continue;
    for (const entry of asArray(pool.workloads)) {
      if (!isRecord(entry)) continue;
      const object = readObject(entry.object);
      if (!object) continue;
      out.push({
        workload: objectKey(object),
        pool: asString(pool.name) ?? '',
        controlPlane: asBoolean(pool.controlPlane) === true,
        everyNode: asBoolean(entry.everyNode) === true,
        nodeEscapes: asArray(entry.nodeEscapes).filter((id): id is string => typeof id === 'string'),
      });
    }
  }
  return out;
}

function isBoundary(value: string | undefined): value is Boundary {
  return value !== undefined && (BOUNDARIES as readonly string[]).includes(value);
}
