/** `--format json`: the threat model as documented in docs/report-schema.json (versioned by schemaVersion). */
import type { ThreatModel } from '../engine/threat-model.js';
import type { Finding } from '../engine/finding.js';

export function jsonFinding(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    boundary: finding.boundary,
    stride: finding.stride,
    object: finding.object,
  };
  if (finding.container !== undefined) out.container = finding.container;
  out.path = finding.path;
  out.location = finding.location;
  out.related = finding.related;
  out.message = finding.message;
  out.remediation = finding.remediation;
  out.fingerprint = finding.fingerprint;
  if (finding.platform) out.platform = true;
  if (finding.persistence) out.persistence = true;
  return out;
}

export function renderJson(model: ThreatModel): string {
  const { findings, ...rest } = model;
  const ordered = {
    schemaVersion: rest.schemaVersion,
    tool: rest.tool,
    generatedAt: rest.generatedAt,
    scope: rest.scope,
    summary: rest.summary,
    findings: findings.map(jsonFinding),
    controls: rest.controls,
    workloads: rest.workloads,
    nodeBoundary: rest.nodeBoundary,
    platform: rest.platform,
    problems: rest.problems,
    rules: rest.rules,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
