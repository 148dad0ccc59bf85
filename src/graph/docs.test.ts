import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAttackGraphDoc } from './docs.js';
import { RISK_MATRIX } from './risk.js';

const DOCS = path.resolve(__dirname, '../../docs');

describe('documentation of the attack graph', () => {
  it('docs/attack-graph.md is generated from the technique modules and current', () => {
    const file = path.join(DOCS, 'attack-graph.md');
    if (process.env.KUBETHREAT_UPDATE_DOCS) writeFileSync(file, renderAttackGraphDoc());
    expect(readFileSync(file, 'utf8')).toBe(renderAttackGraphDoc());
  });

  it('docs/risk.md states the matrix the code applies', () => {
    const text = readFileSync(path.join(DOCS, 'risk.md'), 'utf8');
    const table = text.slice(text.indexOf('| impact \\ likelihood |'));
    const rows = table
      .split('\n')
      .slice(2, 6)
      .map((line) => line.split('|').map((cell) => cell.trim()).filter(Boolean));
    const documented = Object.fromEntries(rows.map(([impact, ...levels]) => [impact, levels]));
    expect(documented).toEqual(Object.fromEntries(Object.entries(RISK_MATRIX).map(([impact, levels]) => [impact, [...levels]])));
  });
});
