/**
 * The data the HTML report's script renders: the findings with their evidence and measure, and the rule legend.
 * Rule text is stored once per rule, not once per finding, so that thousands of findings stay a reasonable page.
 */
import type { Finding } from '../../engine/finding.js';
import type { ThreatModel } from '../../engine/threat-model.js';
import { objectKey } from '../../model/object.js';
import { readRisk } from '../extensions.js';
import { namespaceOfFinding, severalClusters } from '../boundary-map.js';
import { compareFindings, formatLocation, isFile, rulesOf } from '../present.js';

export interface PageRule {
  id: string;
  title: string;
  boundary: string;
  stride: string[];
  severity: string;
  rationale: string;
  remediation: string;
}

/** One finding, in the shape the page's script reads (short keys: the page may hold tens of thousands). */
export interface PageFinding {
  /** severity */
  s: string;
  /** index into rules */
  r: number;
  /** boundary */
  b: string;
  /** object key: Kind/namespace/name */
  o: string;
  /** namespace (a Namespace object's own name), or "(cluster)" */
  n: string;
  /** message */
  m: string;
  /** field path */
  p: string;
  /** file:line:column, or the file alone when it names no real file */
  l: string;
  /** fingerprint */
  f: string;
  /** container */
  c?: string;
  /** Helm template */
  h?: string;
  /** related objects */
  x?: string[];
  /** remediation, when it differs from the rule's */
  d?: string;
  /** persistence threat */
  q?: 1;
  /** risk in words, when the attack graph gives one */
  k?: string;
}

export interface PageData {
  rules: PageRule[];
  /** The most severe findings first, at most PAGE_FINDINGS of them. */
  findings: PageFinding[];
  /** Every finding of the model, also those left off the page. */
  total: number;
}

/**
 * The findings a page holds at most. A browser keeps a page of 25,000 findings responsive (about 10 MB); a large
 * cluster has hundreds of thousands, and a page of those (hundreds of MB) would not open at all.
 */
export const PAGE_FINDINGS = 25_000;

export function pageData(model: ThreatModel, limit = PAGE_FINDINGS): PageData {
  const rules = rulesOf(model);
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  // The model's findings are already in this order, or nearly: the sort costs a comparison per finding.
  const shown = [...model.findings].sort(compareFindings).slice(0, limit);
  const qualified = severalClusters(model);
  const findings = shown.map((finding) => pageFinding(finding, index.get(finding.ruleId) ?? 0, rules[index.get(finding.ruleId) ?? 0]?.remediation, qualified));
  return {
    rules: rules.map((rule) => ({ id: rule.id, title: rule.title, boundary: rule.boundary, stride: [...rule.stride], severity: rule.severity, rationale: rule.rationale, remediation: rule.remediation })),
    findings,
    total: model.findings.length,
  };
}

function pageFinding(finding: Finding, rule: number, ruleRemediation: string | undefined, qualified: boolean): PageFinding {
  const out: PageFinding = {
    s: finding.severity,
    r: rule,
    b: finding.boundary,
    o: objectKey(finding.object),
    n: namespaceOfFinding(finding, qualified),
    m: finding.message,
    p: finding.path,
    l: isFile(finding.location.file) ? formatLocation(finding.location) : finding.location.file,
    f: finding.fingerprint,
  };
  if (finding.container !== undefined) out.c = finding.container;
  if (finding.location.helmTemplate) out.h = finding.location.helmTemplate;
  if (finding.related.length > 0) out.x = finding.related.map(objectKey);
  if (finding.remediation !== ruleRemediation) out.d = finding.remediation;
  if (finding.persistence) out.q = 1;
  const risk = readRisk(finding);
  const words = risk ? [risk.risk, risk.likelihood && `likelihood ${risk.likelihood}`, risk.impact && `impact ${risk.impact}`, risk.reason].filter(Boolean).join(' · ') : '';
  if (words) out.k = words;
  return out;
}
