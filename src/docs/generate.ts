/** `npm run docs`: writes docs/rules/*.md from the rule metadata and fixtures. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { RULE_LIST } from '../rules/index.js';
import { ruleFixture } from '../cli/catalogue.js';
import { ruleIndexPage, rulePage } from './rule-page.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.join(root, 'docs/rules');
mkdirSync(folder, { recursive: true });
const expected = new Set(['README.md', ...RULE_LIST.map((rule) => `${rule.id}.md`)]);
for (const file of readdirSync(folder)) if (!expected.has(file)) rmSync(path.join(folder, file));
for (const rule of RULE_LIST) {
  writeFileSync(path.join(folder, `${rule.id}.md`), rulePage(rule, { fires: ruleFixture(rule.id, 'fires'), dontFire: ruleFixture(rule.id, 'dont-fire') }));
}
writeFileSync(path.join(folder, 'README.md'), ruleIndexPage(RULE_LIST));
process.stdout.write(`wrote ${RULE_LIST.length} rule pages to docs/rules/\n`);
