/**
 * `.kubethreat.yaml` text → a typed config, or the list of what is wrong with it, each at its file:line:column.
 * Pure: the caller reads the file. Checked in two passes: the JSON Schema (src/config/schema.ts) for shape, then
 * what a schema cannot know (rule ids of this catalogue, real calendar days, a fingerprint of the named rule).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { RULES } from '../rules/index.js';
import type { Severity } from '../taxonomy/index.js';
import { isCalendarDate } from './dates.js';
import { CONFIG_SCHEMA } from './schema.js';
import { explainSchemaErrors } from './schema-errors.js';
import { didYouMean } from './suggest.js';
import type { Acceptance, ConfigDefaults, ConfigProblem, KubethreatConfig, RuleSetting } from './types.js';
import { fieldName, positionOf, type ConfigPath } from './yaml-positions.js';

export type ConfigResult = { ok: true; config: KubethreatConfig } | { ok: false; problems: ConfigProblem[] };

export interface ParseConfigOptions {
  /** The rule ids the catalogue knows (default: the registry). */
  knownRules?: ReadonlySet<string>;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // verbose: errors carry their schema, so an unknown field can be answered with the fields that exist.
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false }).compile(CONFIG_SCHEMA);
  return compiled;
}

export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): ConfigResult {
  const knownRules = options.knownRules ?? new Set(Object.keys(RULES));
  const lineCounter = new LineCounter();
  // YAML 1.2 core: `2026-03-31` stays text and `yes` is not a boolean, so the schema sees what was written.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (path: ConfigPath, message: string, where: 'value' | 'key' = 'value'): ConfigProblem => ({
    file,
    ...positionOf(document, lineCounter, path, where),
    field: fieldName(path),
    message,
  });

  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return { file, line: position.line, column: position.col, field: '', message: `not valid YAML: ${firstLine(error.message)}` };
      }),
    };
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  const validate = validator();
  const problems: ConfigProblem[] = [];
  if (!validate(data)) {
    for (const mistake of explainSchemaErrors(validate.errors ?? [], data)) problems.push(at(mistake.path, mistake.message, mistake.at));
  }
  problems.push(...catalogueMistakes(data, knownRules, at));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, config: toConfig(data as RawConfig, file, document, lineCounter) };
}

type At = (path: ConfigPath, message: string, where?: 'value' | 'key') => ConfigProblem;

/** Checks that need the catalogue or a calendar. Defensive about shape: the schema pass reports shape itself. */
function catalogueMistakes(data: unknown, knownRules: ReadonlySet<string>, at: At): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isObject(data)) return problems;
  if (Array.isArray(data.accept)) {
    data.accept.forEach((entry: unknown, index: number) => {
      if (!isObject(entry)) return;
      const rule = entry.rule;
      if (typeof rule === 'string' && !knownRules.has(rule)) {
        problems.push(at(['accept', index, 'rule'], `unknown rule "${rule}"${didYouMean(rule, knownRules)}: "kubethreat rules" lists them`));
      }
      const fingerprint = entry.fingerprint;
      if (typeof fingerprint === 'string' && typeof rule === 'string' && fingerprint.includes('@') && !fingerprint.startsWith(`${rule}@`)) {
        problems.push(at(['accept', index, 'fingerprint'], `is a fingerprint of rule "${fingerprint.split('@')[0]}", not of "${rule}"`));
      }
      const expires = entry.expires;
      if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !isCalendarDate(expires)) {
        problems.push(at(['accept', index, 'expires'], `"${expires}" is not a day of the calendar`));
      }
    });
  }
  if (isObject(data.rules)) {
    for (const id of Object.keys(data.rules)) {
      if (/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id) && !knownRules.has(id)) {
        problems.push(at(['rules', id], `unknown rule "${id}"${didYouMean(id, knownRules)}: "kubethreat rules" lists them`, 'key'));
      }
    }
  }
  return problems;
}

/** The shape the schema has just guaranteed. */
interface RawConfig {
  failOn?: Severity | 'none';
  minSeverity?: Severity;
  namespace?: string;
  pssVersion?: string;
  kubernetesVersion?: string;
  rules?: Record<string, RuleSetting>;
  accept?: Array<Omit<Acceptance, 'source'>>;
}

function toConfig(raw: RawConfig, file: string, document: Document, lineCounter: LineCounter): KubethreatConfig {
  const defaults: ConfigDefaults = {};
  if (raw.failOn !== undefined) defaults.failOn = raw.failOn;
  if (raw.minSeverity !== undefined) defaults.minSeverity = raw.minSeverity;
  if (raw.namespace !== undefined) defaults.namespace = raw.namespace;
  if (raw.pssVersion !== undefined) defaults.pssVersion = raw.pssVersion;
  if (raw.kubernetesVersion !== undefined) defaults.kubernetesVersion = raw.kubernetesVersion;
  const accept = (raw.accept ?? []).map((entry, index): Acceptance => {
    const position = positionOf(document, lineCounter, ['accept', index]);
    const acceptance: Acceptance = { rule: entry.rule, reason: entry.reason.trim(), expires: entry.expires, source: { file, ...position, via: 'config' } };
    for (const key of ['fingerprint', 'object', 'container', 'namespace', 'owner'] as const) {
      const value = entry[key];
      if (value !== undefined) acceptance[key] = value;
    }
    return acceptance;
  });
  return { file, accept, rules: { ...(raw.rules ?? {}) }, defaults };
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
