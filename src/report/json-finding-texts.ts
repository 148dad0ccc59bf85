/**
 * The main thread's half of writing findings as JSON (./json-finding-blocks.ts): describes findings as blocks, and
 * keeps the texts they share, each stringified and escaped once. What a rule's findings repeat (title, STRIDE,
 * remediation) and the values findings share (object refs, locations, risks: src/engine/run-rules.ts,
 * src/graph/risk.ts) are texts; what is a finding's own (a container's name, its message's values) goes in the block.
 */
import type { Finding } from '../engine/finding.js';
import { RuleFinding, compiledTemplate, placeholderText, type CompiledTemplate } from '../engine/rule-finding.js';
import { COLUMN, FIELDS, FLAG, escapedJson, jsonStringInner, type FindingBlock } from './json-finding-blocks.js';
import { escapeControls, jsonAcceptance } from './json-values.js';

interface ObjectEntry {
  text: number;
  /** The first location described for the object's findings, and its text: one lookup for the two. */
  location: object;
  locationText: number;
}

export class FindingTexts {
  /** Every text so far; ids are positions in it. */
  readonly texts: string[] = [];
  private sent = 0;
  /** ruleId → severity → text of `{"ruleId":…,"title":…,"severity":…,"boundary":…,"stride":…,"object":`. */
  private readonly heads = new Map<string, Map<string, number>>();
  private readonly objects = new Map<object, ObjectEntry>();
  /** Locations, risks and related refs, shared between findings. */
  private readonly shared = new Map<object, number>();
  /** Paths, remediations and rule ids: shared strings. */
  private readonly strings = new Map<string, number>();
  private readonly rawStrings = new Map<string, number>();
  /** A template's escaped literals, consecutive texts: the id of the first. */
  private readonly templates = new Map<CompiledTemplate, number>();
  /**
   * The last of each described, and its text: consecutive findings (one rule's, object after object) mostly share
   * their rule, severity, path, remediation and risk, and comparing two references costs less than a look-up.
   */
  private readonly last: {
    rule?: string;
    severity?: string;
    head: number;
    path?: string;
    pathText: number;
    remediation?: string;
    remediationText: number;
    ruleId?: string;
    ruleIdText: number;
    risk?: object;
    riskText: number;
  } = { head: 0, pathText: 0, remediationText: 0, ruleIdText: 0, riskText: 0 };

  /** The texts added since the last call (all of them, the first time): what a worker does not have yet. */
  unsent(): string[] {
    const added = this.texts.slice(this.sent);
    this.sent = this.texts.length;
    return added;
  }

  /** findings[from, to) as a block. */
  describe(findings: readonly Finding[], from: number, to: number): FindingBlock {
    const count = to - from;
    const columns = new Int32Array(count * FIELDS);
    const related: number[] = [];
    const strings: string[] = [];
    for (let index = 0; index < count; index++) this.describeOne(findings[from + index], columns, index * FIELDS, related, strings);
    return { first: from, count, columns, related: Int32Array.from(related), strings };
  }

  private describeOne(finding: Finding, columns: Int32Array, at: number, related: number[], strings: string[]): void {
    let flags = 0;
    const object = this.objectEntry(finding.object, finding.location);
    columns[at + COLUMN.head] = this.head(finding);
    columns[at + COLUMN.object] = object.text;
    if (finding.container !== undefined) {
      flags |= FLAG.container;
      strings.push(finding.container);
    }
    if (finding.admittedIn !== undefined) {
      flags |= FLAG.admittedIn;
      strings.push(this.texts[this.sharedText(finding.admittedIn)]);
    }
    const last = this.last;
    const path = finding.path;
    if (path !== last.path) {
      last.path = path;
      last.pathText = this.string(path);
    }
    columns[at + COLUMN.path] = last.pathText;
    columns[at + COLUMN.location] = finding.location === object.location ? object.locationText : this.sharedText(finding.location);
    columns[at + COLUMN.related] = finding.related.length;
    for (let index = 0; index < finding.related.length; index++) related.push(this.sharedText(finding.related[index]));
    if (readsOwnGetter(finding, 'message')) {
      // Written from its template, escaped once, and the data that fills it: no message string is made and scanned
      // (800,000 at 150,000 pods).
      const compiled = compiledTemplate(finding.template);
      columns[at + COLUMN.template] = this.template(compiled);
      columns[at + COLUMN.placeholders] = compiled.placeholders.length;
      const data = finding.data;
      for (let index = 0; index < compiled.placeholders.length; index++) strings.push(placeholderText(data, compiled.placeholders[index]));
    } else {
      flags |= FLAG.messageString;
      strings.push(finding.message);
    }
    const remediation = finding.remediation;
    if (remediation !== last.remediation) {
      last.remediation = remediation;
      last.remediationText = this.string(remediation);
    }
    columns[at + COLUMN.remediation] = last.remediationText;
    if (readsOwnGetter(finding, 'fingerprint')) {
      // An engine finding's fingerprint is its rule id (lowercase words and dashes) and hex digits.
      const ruleId = finding.rule.id;
      if (ruleId !== last.ruleId) {
        last.ruleId = ruleId;
        last.ruleIdText = this.rawString(ruleId);
      }
      columns[at + COLUMN.ruleId] = last.ruleIdText;
      columns[at + COLUMN.hashHigh] = finding.hashHigh;
      columns[at + COLUMN.hashLow] = finding.hashLow;
    } else {
      flags |= FLAG.fingerprintString;
      strings.push(finding.fingerprint);
    }
    if (finding.platform) flags |= FLAG.platform;
    if (finding.persistence) flags |= FLAG.persistence;
    if (finding.risk) {
      flags |= FLAG.risk;
      columns[at + COLUMN.risk] = this.riskText(finding.risk);
    }
    if (finding.expiredAcceptance) {
      flags |= FLAG.expiredAcceptance;
      strings.push(escapedJson(jsonAcceptance(finding.expiredAcceptance)));
    }
    columns[at + COLUMN.flags] = flags;
  }

  private add(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }

  private head(finding: Finding): number {
    const last = this.last;
    const rule = finding.ruleId;
    const severity = finding.severity;
    if (rule === last.rule && severity === last.severity) return last.head;
    let bySeverity = this.heads.get(rule);
    if (bySeverity === undefined) this.heads.set(rule, (bySeverity = new Map()));
    let head = bySeverity.get(severity);
    if (head === undefined) {
      head = this.add(
        escapeControls(`{"ruleId":${JSON.stringify(rule)},"title":${JSON.stringify(finding.title)},"severity":"${severity}","boundary":"${finding.boundary}","stride":${JSON.stringify(finding.stride)},"object":`),
      );
      bySeverity.set(severity, head);
    }
    last.rule = rule;
    last.severity = severity;
    last.head = head;
    return head;
  }

  private objectEntry(object: object, location: object): ObjectEntry {
    let entry = this.objects.get(object);
    if (entry === undefined) this.objects.set(object, (entry = { text: this.add(escapedJson(object)), location, locationText: this.sharedText(location) }));
    return entry;
  }

  private riskText(risk: object): number {
    const last = this.last;
    if (risk !== last.risk) {
      last.risk = risk;
      last.riskText = this.sharedText(risk);
    }
    return last.riskText;
  }

  private sharedText(value: object): number {
    let text = this.shared.get(value);
    if (text === undefined) this.shared.set(value, (text = this.add(escapedJson(value))));
    return text;
  }

  /** A shared string as JSON. */
  private string(value: string): number {
    let text = this.strings.get(value);
    if (text === undefined) this.strings.set(value, (text = this.add(escapedJson(value))));
    return text;
  }

  /** A shared string as it is. */
  private rawString(value: string): number {
    let text = this.rawStrings.get(value);
    if (text === undefined) this.rawStrings.set(value, (text = this.add(value)));
    return text;
  }

  /** The template's literals, escaped, as consecutive texts. */
  private template(compiled: CompiledTemplate): number {
    let first = this.templates.get(compiled);
    if (first === undefined) {
      first = this.texts.length;
      for (const literal of compiled.literals) this.add(jsonStringInner(literal));
      this.templates.set(compiled, first);
    }
    return first;
  }
}

/** An engine finding whose `key` is still RuleFinding's getter: a copy (findingWith) may give it a value of its own. */
function readsOwnGetter(finding: Finding, key: 'message' | 'fingerprint'): finding is RuleFinding {
  return finding instanceof RuleFinding && !Object.hasOwn(finding, key);
}
