/**
 * Ajv's errors, said the way a person fixing the file needs them: which field, what it must be, what was found.
 * Each comes with the path of the YAML node to point at (the key for unknown fields, the entry for missing ones).
 */
import type { ErrorObject } from 'ajv';
import { PATTERN_MEANINGS } from './schema.js';
import type { ConfigPath } from './yaml-positions.js';
import { closest } from './suggest.js';

export interface SchemaMistake {
  path: ConfigPath;
  /** Point at the key (an unknown field) rather than the value. */
  at: 'value' | 'key';
  message: string;
}

const REQUIRED_MEANINGS: Record<string, string> = {
  rule: 'the id of the rule whose findings are accepted',
  reason: 'why the risk is accepted',
  expires: 'the last day the acceptance applies, YYYY-MM-DD',
};

const TYPE_WORDS: Record<string, string> = {
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  string: 'text',
};

export function explainSchemaErrors(errors: readonly ErrorObject[], data: unknown): SchemaMistake[] {
  const out: SchemaMistake[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // The branches of oneOf and the pattern inside propertyNames repeat what their parent error says better.
    if (error.schemaPath.includes('/oneOf/') || error.schemaPath.includes('/propertyNames/')) continue;
    const mistake = explain(error, data);
    const key = `${mistake.path.join('\u0000')}\u0000${mistake.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mistake);
  }
  return out;
}

function explain(error: ErrorObject, data: unknown): SchemaMistake {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { path: [...path, missing], at: 'value', message: `required${REQUIRED_MEANINGS[missing] ? `: ${REQUIRED_MEANINGS[missing]}` : ''}` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys(propertiesOf(error.parentSchema));
      const suggestion = closest(extra, known);
      const hint = suggestion !== undefined ? ` (did you mean "${suggestion}"?)` : known.length > 0 ? ` (known fields: ${known.join(', ')})` : '';
      return { path: [...path, extra], at: 'key', message: `unknown field "${extra}"${hint}` };
    }
    case 'enum':
      return { path, at: 'value', message: `${shown(valueAt(data, path))} is not one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'pattern': {
      const meaning = PATTERN_MEANINGS[String(params.pattern)] ?? `text matching ${String(params.pattern)}`;
      return { path, at: 'value', message: `${shown(valueAt(data, path))} is not ${meaning}` };
    }
    case 'type':
      return { path, at: 'value', message: `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, not ${shown(valueAt(data, path))}` };
    case 'oneOf':
      return {
        path,
        at: 'value',
        message:
          params.passingSchemas === null
            ? 'names no finding: give a fingerprint, an object, a namespace or a container'
            : 'give only one of fingerprint, object and namespace (a container narrows an object or a namespace, never a fingerprint)',
      };
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], at: 'key', message: `"${String(params.propertyName)}" is not a rule id in kebab-case, as "kubethreat rules" lists them` };
    case 'minProperties':
      return { path, at: 'value', message: 'says nothing: give severity or disabled' };
    case 'maxLength':
      return { path, at: 'value', message: `is longer than ${String(params.limit)} characters` };
    default:
      return { path, at: 'value', message: error.message ?? `fails the ${error.keyword} check` };
  }
}

function pointerToPath(pointer: string): ConfigPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

function valueAt(data: unknown, path: ConfigPath): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
