/** The config schema's documentation stays true: the published JSON Schema and the example in docs/config.md. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse.js';
import { CONFIG_SCHEMA } from './schema.js';
import { formatConfigProblem } from './types.js';

const docs = (name: string): URL => new URL(`../../docs/${name}`, import.meta.url);

describe('docs/config-schema.json', () => {
  it('is the schema the validator uses (vitest -u rewrites it)', async () => {
    await expect(`${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`).toMatchFileSnapshot(docs('config-schema.json').pathname);
  });
});

describe('docs/config.md', () => {
  const text = readFileSync(docs('config.md'), 'utf8');

  it('has an example that is a valid config', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const result = parseConfig(example, 'docs/config.md');
    expect(result.ok ? [] : result.problems.map(formatConfigProblem)).toEqual([]);
    expect(result.ok && result.config.accept.map((entry) => entry.rule)).toEqual(['privileged-container', 'host-pid', 'capabilities-dangerous', 'rbac-wildcard']);
  });

  it('documents every field the schema allows', () => {
    const fields = [...Object.keys(CONFIG_SCHEMA.properties), ...Object.keys(CONFIG_SCHEMA.properties.accept.items.properties)];
    for (const field of fields) expect(text, field).toContain(`\`${field}`);
  });
});
