/**
 * The SARIF log's results as text, one a line, without JSON.stringify(sarifResult(…)) for each: at 150,000 pods the
 * log has 800,000 results, and making and stringifying an object tree for each was most of the report's time. What
 * many results share (a rule's head, an object's locations, a measure) is written once; the rest, a finding's own
 * strings, is escaped on its own. The text is escapedJson(sarifResult(finding, ruleIndex)), byte for byte
 * (sarif-results.test.ts checks it on hostile findings).
 */
import type { Finding } from '../engine/finding.js';
import { objectKey, type Location, type ObjectRef } from '../model/object.js';
import { escapedJson, jsonString } from './json-finding-blocks.js';
import { findingObjectKey } from './present.js';
import { FINGERPRINT_KEY, objectLocation, sarifLevel, sarifMessageText, sarifRelatedLocations } from './sarif-result.js';

const FINGERPRINTS_HEAD = `,"partialFingerprints":{${jsonString(FINGERPRINT_KEY)}:`;

export class SarifResultTexts {
  /** `{"ruleId":…,"ruleIndex":…,"level":…` by rule and severity. */
  private readonly heads = new Map<string, string>();
  /** `,"properties":{"severity":…,"boundary":…,"stride":[…]` by severity, boundary and STRIDE categories. */
  private readonly propertyHeads = new Map<string, string>();
  /** `"object":…` by ObjectRef: an object's findings share it (src/engine/run-rules.ts). */
  private readonly objects = new WeakMap<ObjectRef, string>();
  /**
   * `[{"physicalLocation":…,"logicalLocations":[…]}]` by Location, with the object it was written for: in a large
   * dump, an object's findings share one Location (src/engine/run-rules.ts).
   */
  private readonly locationTexts = new WeakMap<Location, { object: ObjectRef; text: string }>();
  private lastRemediation: string | undefined;
  private lastRemediationText = '';

  constructor(private readonly ruleIndex: (ruleId: string) => number) {}

  /** The result of a finding, as one line of JSON. */
  text(finding: Finding): string {
    const severity = finding.severity;
    const headKey = `${finding.ruleId}\u0000${severity}`;
    let head = this.heads.get(headKey);
    if (head === undefined) {
      head = escapedJson({ ruleId: finding.ruleId, ruleIndex: this.ruleIndex(finding.ruleId), level: sarifLevel(severity) }).slice(0, -1);
      this.heads.set(headKey, head);
    }
    const propertiesKey = `${severity}\u0000${finding.boundary}\u0000${finding.stride.join('\u0000')}`;
    let properties = this.propertyHeads.get(propertiesKey);
    if (properties === undefined) {
      properties = `,"properties":${escapedJson({ severity, boundary: finding.boundary, stride: finding.stride }).slice(0, -1)}`;
      this.propertyHeads.set(propertiesKey, properties);
    }
    let out = `${head},"message":{"text":${jsonString(sarifMessageText(finding))}},"locations":${this.locations(finding)}${FINGERPRINTS_HEAD}${jsonString(finding.fingerprint)}}${properties},"object":${this.object(finding)}`;
    if (finding.path !== undefined) out += `,"path":${jsonString(finding.path)}`;
    if (finding.container !== undefined) out += `,"container":${jsonString(finding.container)}`;
    if (finding.admittedIn !== undefined) out += `,"admittedIn":${jsonString(objectKey(finding.admittedIn))}`;
    if (finding.remediation !== undefined) out += `,"remediation":${this.remediation(finding.remediation)}`;
    if (finding.platform) out += ',"platform":true';
    if (finding.persistence) out += ',"persistence":true';
    out += '}';
    const related = sarifRelatedLocations(finding);
    if (related.length > 0) out += `,"relatedLocations":${escapedJson(related)}`;
    return `${out}}`;
  }

  private locations(finding: Finding): string {
    const { location, object } = finding;
    let known = this.locationTexts.get(location);
    if (known === undefined || known.object !== object) this.locationTexts.set(location, (known = { object, text: escapedJson([objectLocation(location, object)]) }));
    return known.text;
  }

  private object(finding: Finding): string {
    const ref = finding.object;
    let text = this.objects.get(ref);
    if (text === undefined) this.objects.set(ref, (text = jsonString(findingObjectKey(finding))));
    return text;
  }

  private remediation(remediation: string): string {
    if (remediation !== this.lastRemediation) {
      this.lastRemediation = remediation;
      this.lastRemediationText = jsonString(remediation);
    }
    return this.lastRemediationText;
  }
}
