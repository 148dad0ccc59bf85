/**
 * The findings the engine makes, kept compact: a 150,000-pod cluster has over 800,000 of them. What every finding of a
 * rule repeats (id, title, boundary, STRIDE, remediation) is read from the rule; the message is worded from its
 * template and data when it is read (by a reporter, once) rather than kept; the fingerprint keeps only its hash.
 * A RuleFinding reads like any other Finding. Copy one with `findingWith` (./finding.ts): a spread would lose the
 * fields read through the prototype.
 */
import type { Boundary, Severity, Stride } from '../taxonomy/index.js';
import type { FieldPath, Location, ObjectRef } from '../model/object.js';
import type { Acceptance } from '../config/types.js';
import type { FindingFix, FixKind, FixProposal, FixSource } from '../fix/types.js';
import type { Finding, FindingRisk } from './finding.js';
import { hashHex } from './fingerprint.js';

/** What a finding reads from its rule. */
export interface FindingRule {
  readonly id: string;
  readonly title: string;
  readonly boundary: Boundary;
  readonly stride: Stride[];
  readonly remediation: string;
  readonly messages: Readonly<Record<string, string>>;
  readonly persistence?: boolean;
  /** Its findings on the cluster's own components count as any other (src/rules/define-rule.ts). */
  readonly reportOnPlatform?: boolean;
  /** The kind of fixes the rule declares (src/rules/define-rule.ts). */
  readonly fix?: FixKind;
}

/** An object as its findings see it: the dozen findings of a workload share one (src/engine/run-rules.ts). */
export interface ObjectSite {
  readonly ref: ObjectRef;
  /** Whether it is one of the cluster's own components; computed when a rule first asks. */
  platform: boolean | undefined;
  /** The Location of the object itself, shared by the findings located to the object rather than a field. */
  location: Location | undefined;
  /** Its place in the order of objects (by objectKey), set when the findings are sorted. */
  rank: number;
}

/** A field path as people write it and as segments; one copy per distinct path, shared by the findings at it. */
export interface SharedPath {
  readonly path: string;
  readonly fieldPath: FieldPath;
}

export class RuleFinding implements Finding {
  risk?: FindingRisk;
  // Fields most findings never get are declared, not initialized: 8 bytes less in each of 800,000 findings apiece.
  declare expiredAcceptance?: Acceptance;
  /** The rule's proposal or how to make it (see FixSource); the FindingFix made of it once it has been read. */
  declare private fixState?: FixSource | FindingFix;

  constructor(
    readonly rule: FindingRule,
    public severity: Severity,
    readonly site: ObjectSite,
    readonly container: string | undefined,
    readonly at: SharedPath,
    readonly location: Location,
    readonly related: ObjectRef[],
    readonly messageId: string,
    readonly data: Record<string, string | number>,
    /** The fingerprint without its rule prefix (see fingerprintHash), as two 32-bit words (see hashWords). */
    readonly hashHigh: number,
    readonly hashLow: number,
    fix: FixSource | undefined,
  ) {
    if (fix !== undefined) this.fixState = fix;
  }

  /** One of the cluster's own components, unless the rule reports on those as on anything else (see Rule). */
  get platform(): boolean {
    return this.rule.reportOnPlatform !== true && this.site.platform === true;
  }

  /** Made when first read: most scans never read a fix. */
  get fix(): FindingFix | undefined {
    const state = this.fixState;
    if (state === undefined || isFindingFix(state)) return state;
    const fix = findingFix(this.rule, typeof state === 'function' ? state() : state);
    this.fixState = fix;
    return fix;
  }

  get object(): ObjectRef {
    return this.site.ref;
  }
  get ruleId(): string {
    return this.rule.id;
  }
  get title(): string {
    return this.rule.title;
  }
  get boundary(): Boundary {
    return this.rule.boundary;
  }
  get stride(): Stride[] {
    return this.rule.stride;
  }
  get remediation(): string {
    return this.rule.remediation;
  }
  get persistence(): boolean {
    return this.rule.persistence === true;
  }
  get path(): string {
    return this.at.path;
  }
  get fieldPath(): FieldPath {
    return this.at.fieldPath;
  }
  /** The fingerprint without its rule prefix: 16 hex digits. */
  get hash(): string {
    return hashHex(this.hashHigh, this.hashLow);
  }
  get fingerprint(): string {
    return `${this.rule.id}@${this.hash}`;
  }
  get message(): string {
    return formatMessage(this.template, this.data);
  }
  /** The message's template, which `data` fills (see formatMessage). */
  get template(): string {
    return this.rule.messages[this.messageId];
  }
}

/**
 * A finding on a container added to the workload's Pods at admission (see run-rules.ts admittedFinding): its message
 * says so after the rule's own words, with the Pod it was seen in (`data.admittedIn`).
 */
export class AdmittedRuleFinding extends RuleFinding {
  /** The Pod the container was read from (Finding.admittedIn); set by the engine as it makes the finding. */
  declare admittedIn: ObjectRef;

  override get template(): string {
    return admittedTemplate(super.template);
  }
}

const admittedTemplates = new Map<string, string>();

function admittedTemplate(template: string): string {
  let admitted = admittedTemplates.get(template);
  if (admitted === undefined) {
    admitted = `${template} Admission added this container to the pods (seen in {{admittedIn}}); no template lists it, so the measure goes where it is added (a mutating webhook's configuration).`;
    admittedTemplates.set(template, admitted);
  }
  return admitted;
}

function isFindingFix(state: FixSource | FindingFix): state is FindingFix {
  return typeof state !== 'function' && 'kind' in state;
}

/** The kind stamped on a proposal: a rule whose fixes are suggestions cannot hand out a safe one. */
function findingFix(rule: FindingRule, proposal: FixProposal): FindingFix {
  const kind = rule.fix === 'suggestion' || proposal.suggestion === true ? 'suggestion' : 'safe';
  return { kind, edits: proposal.edits, notes: proposal.notes ?? [] };
}

/** A message template cut at its `{{name}}` placeholders: literals[i] comes before placeholders[i], and one ends it. */
export interface CompiledTemplate {
  readonly literals: readonly string[];
  readonly placeholders: ReadonlyArray<{ readonly key: string; readonly written: string }>;
}

const compiledTemplates = new Map<string, CompiledTemplate>();

/** The template cut at its placeholders, made once per template. */
export function compiledTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (compiled === undefined) compiledTemplates.set(template, (compiled = compileTemplate(template)));
  return compiled;
}

function compileTemplate(template: string): CompiledTemplate {
  const literals: string[] = [];
  const placeholders: Array<{ key: string; written: string }> = [];
  let position = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    literals.push(template.slice(position, match.index));
    placeholders.push({ key: match[1], written: match[0] });
    position = match.index + match[0].length;
  }
  literals.push(template.slice(position));
  return { literals, placeholders };
}

/** What fills a placeholder: the data's value, or the placeholder as written when data lacks the key. */
export function placeholderText(data: Record<string, string | number>, placeholder: CompiledTemplate['placeholders'][number]): string {
  const value: unknown = data[placeholder.key];
  // A string, nearly always: one look-up rather than `in` and a read (2.4 million placeholders at 150,000 pods).
  if (typeof value === 'string') return value;
  return placeholder.key in data ? String(value) : placeholder.written;
}

/** `{{name}}` placeholders filled from data (left as written when data lacks the key); each template is parsed once. */
export function formatMessage(template: string, data: Record<string, string | number>): string {
  const compiled = compiledTemplate(template);
  let text = compiled.literals[0];
  for (let index = 0; index < compiled.placeholders.length; index++) text += placeholderText(data, compiled.placeholders[index]) + compiled.literals[index + 1];
  return text;
}
