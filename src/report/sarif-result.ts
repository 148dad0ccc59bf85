/**
 * One SARIF result, as an object: its level, message, locations, fingerprint and properties. The log (./sarif.ts)
 * writes results as text (./sarif-result-text.ts), the same JSON as these objects.
 */
import type { Finding } from '../engine/finding.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import type { Severity } from '../taxonomy/index.js';
import { isFile, relatedLocation } from './present.js';

/** The fingerprint's key in `partialFingerprints`, versioned as the SARIF spec asks (§3.27.17). */
export const FINGERPRINT_KEY = 'kubethreatFindingId/v1';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

export function sarifResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: sarifMessageText(finding) },
    locations: [objectLocation(finding.location, finding.object)],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      boundary: finding.boundary,
      stride: finding.stride,
      object: objectKey(finding.object),
      path: finding.path,
      ...(finding.container !== undefined ? { container: finding.container } : {}),
      // A container admission added: the Pod it was read from, where the result's location is.
      ...(finding.admittedIn !== undefined ? { admittedIn: objectKey(finding.admittedIn) } : {}),
      remediation: finding.remediation,
      ...(finding.platform ? { platform: true } : {}),
      ...(finding.persistence ? { persistence: true } : {}),
    },
  };
  const related = sarifRelatedLocations(finding);
  if (related.length > 0) result.relatedLocations = related;
  return result;
}

/** The result's message: the finding's, and a link to the Helm template its object is rendered from. */
export function sarifMessageText(finding: Finding): string {
  const text = sarifText(finding.message);
  // The rendered manifest is where the result is detected (its location); the template is where people fix it,
  // a related location the message links to (relatedLocations id 1).
  return finding.location.helmTemplate ? `${text} Rendered from the Helm template [${sarifText(finding.location.helmTemplate)}](1).` : text;
}

/** The Helm template (without a region: template lines differ from rendered ones) and the related objects. */
export function sarifRelatedLocations(finding: Finding): Array<Record<string, unknown>> {
  const related: Array<Record<string, unknown>> = [];
  if (finding.location.helmTemplate) {
    related.push({ id: 1, physicalLocation: { artifactLocation: { uri: fileUri(finding.location.helmTemplate) } }, message: { text: 'The Helm template this object is rendered from.' } });
  }
  for (const ref of finding.related) {
    const location = relatedLocation(ref);
    related.push({ id: related.length + 1, ...(location ? objectLocation(location, ref) : { logicalLocations: [logicalLocation(ref)] }), message: { text: sarifText(objectKey(ref)) } });
  }
  return related;
}

/**
 * Plain message text: SARIF reads `[text](target)` as an embedded link, so literal brackets and backslashes are
 * escaped (§3.11.6): a name like `[x](javascript:…)` stays text.
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, (char) => `\\${char}`);
}

export function objectLocation(location: Location, object: ObjectRef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isFile(location.file)) {
    out.physicalLocation = {
      artifactLocation: { uri: fileUri(location.file) },
      region: { startLine: Math.max(1, location.line), startColumn: Math.max(1, location.column) },
    };
  }
  out.logicalLocations = [logicalLocation(object)];
  return out;
}

function logicalLocation(ref: ObjectRef): Record<string, unknown> {
  return { name: ref.name, fullyQualifiedName: objectKey(ref), kind: 'resource' };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A relative path stays a relative URI reference (resolved against the checkout, as code scanning expects). */
export function fileUri(file: string): string {
  // A lone surrogate (a name written with a YAML escape) cannot be percent-encoded: it becomes U+FFFD.
  const slashed = file.replace(/\\/g, '/').replace(LONE_SURROGATE, '\ufffd');
  const encoded = slashed
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${slashed.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}
