/**
 * The core's use of what the team decided: severity overrides, then accepted risks (from the options and from
 * kubethreat.io/accept annotations on the objects). Pure: the config arrives as data, the day as `now`.
 */
import { findingWith, type AcceptedFinding, type Finding } from '../engine/finding.js';
import type { AnalysisOptions } from '../engine/options.js';
import { compareFindings } from '../engine/run-rules.js';
import type { InputProblem } from '../load/problems.js';
import type { FieldPath, K8sObject, Location, SourceRef } from '../model/object.js';
import { objectKey, objectRef } from '../model/object.js';
import { ACCEPT_ANNOTATION, parseAcceptAnnotation } from './annotation.js';
import { applyAcceptances, describeSelector, selects } from './match.js';
import type { Acceptance } from './types.js';

export interface SettleContext {
  objects: readonly K8sObject[];
  options: AnalysisOptions;
  now: Date;
  locate: (source: SourceRef, path: FieldPath) => Location;
  /** Ids of every rule the catalogue has: annotations naming others are mistakes. */
  catalogue: ReadonlySet<string>;
  /** Ids of the rules that ran: an acceptance of a rule that did not run is not stale, just idle. */
  ran: ReadonlySet<string>;
  /** Findings on the platform's own components left out of the report: an acceptance that selects one is not stale. */
  hidden?: readonly Finding[];
}

export interface SettledFindings {
  open: Finding[];
  accepted: AcceptedFinding[];
  /** Bad annotations (errors) and stale acceptances (notices). */
  problems: InputProblem[];
}

export function settleFindings(findings: readonly Finding[], context: SettleContext): SettledFindings {
  const rated = withSeverityOverrides(findings, context.options.severityOverrides ?? {});
  const annotated = annotationAcceptances(context);
  const acceptances = [...(context.options.acceptances ?? []), ...annotated.acceptances];
  const outcome = applyAcceptances(rated, acceptances, context.now);
  const hidden = context.hidden ?? [];
  const stale = outcome.stale
    .filter((acceptance) => context.ran.has(acceptance.rule) && !hidden.some((finding) => finding.ruleId === acceptance.rule && selects(acceptance, finding)))
    .map(staleNotice);
  // An override can change a severity, and with it the ranking; without one, the findings are still in order.
  const reordered = rated.some((finding, index) => finding !== findings[index]);
  const open = reordered ? outcome.open.sort(compareFindings) : outcome.open;
  return { open, accepted: outcome.accepted.sort(compareFindings), problems: [...annotated.problems, ...stale] };
}

function withSeverityOverrides(findings: readonly Finding[], overrides: Readonly<Record<string, Finding['severity']>>): Finding[] {
  return findings.map((finding) => {
    const severity = overrides[finding.ruleId];
    return severity === undefined || severity === finding.severity ? finding : findingWith(finding, { severity });
  });
}

function annotationAcceptances(context: SettleContext): { acceptances: Acceptance[]; problems: InputProblem[] } {
  const acceptances: Acceptance[] = [];
  const problems: InputProblem[] = [];
  for (const object of context.objects) {
    const value = object.metadata.annotations[ACCEPT_ANNOTATION];
    if (value === undefined) continue;
    const location = context.locate(object.source, ['metadata', 'annotations', ACCEPT_ANNOTATION]);
    const key = objectKey(objectRef(object));
    const parsed = parseAcceptAnnotation(String(value), context.catalogue);
    for (const error of parsed.errors) {
      problems.push({
        severity: 'error',
        file: location.file,
        line: location.line,
        column: location.column,
        message: `${key}: ${error}`,
        hint: 'write "RULE-ID[,RULE-ID]; reason; expires=YYYY-MM-DD[; owner=NAME]" (docs/config.md)',
        skipped: 'this acceptance: its findings count',
      });
    }
    for (const entry of parsed.acceptances) {
      for (const rule of entry.rules) {
        const acceptance: Acceptance = {
          rule,
          object: key,
          reason: entry.reason,
          expires: entry.expires,
          source: { file: location.file, line: location.line, column: location.column, via: 'annotation' },
        };
        if (entry.owner !== undefined) acceptance.owner = entry.owner;
        acceptances.push(acceptance);
      }
    }
  }
  return { acceptances, problems };
}

function staleNotice(acceptance: Acceptance): InputProblem {
  return {
    severity: 'notice',
    file: acceptance.source.file,
    line: acceptance.source.line,
    column: acceptance.source.column,
    message: `the accepted risk ${acceptance.rule} for ${describeSelector(acceptance)} matches no finding`,
    hint: 'remove it, or correct its selector: the threat it accepted is gone, or it never matched',
  };
}
