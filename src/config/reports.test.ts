/** Accepted and expired risks as each report shows them: terminal, JSON and the Markdown threat model. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTerminal } from '../report/terminal.js';
import type { Acceptance } from './types.js';

const ESTATE = readFileSync(new URL('./fixtures/estate.yaml', import.meta.url), 'utf8');

function modelOn(day: string, acceptances: Acceptance[]) {
  return analyze({ objects: parseManifestText(ESTATE, 'estate.yaml').objects, options: { onlyRules: ['privileged-container'], acceptances }, now: new Date(`${day}T12:00:00Z`), toolVersion: 'test' });
}

const gpu: Acceptance = {
  rule: 'privileged-container',
  object: 'Deployment/shop/web',
  container: 'gpu',
  reason: 'the GPU driver | needs <devices>',
  expires: '2026-06-30',
  owner: 'team-ml',
  source: { file: '.kubethreat.yaml', line: 3, column: 5, via: 'config' },
};

describe('reports', () => {
  it('terminal: a short section of accepted risks, and the summary counts them apart', () => {
    const text = renderTerminal(modelOn('2026-06-30', [gpu]), { color: false });
    expect(text).toContain(
      [
        'Accepted risks (1), not counted in the summary or for --fail-on',
        '  CRITICAL privileged-container  Deployment/shop/web (container gpu): the GPU driver | needs <devices>',
        '           until 2026-06-30, team-ml · .kubethreat.yaml:3',
      ].join('\n'),
    );
    expect(text).toContain('Summary: 2 findings (2 critical); 1 accepted');
  });

  it('terminal: a finding whose acceptance expired says so under its evidence', () => {
    const text = renderTerminal(modelOn('2026-07-01', [gpu]), { color: false });
    expect(text).not.toContain('Accepted risks');
    expect(text).toContain('accepted until 2026-06-30 (.kubethreat.yaml:3), no longer: the GPU driver | needs <devices>');
  });

  it('JSON: accepted findings with the acceptance as written; an expired one on the finding', () => {
    const accepted = JSON.parse(renderJson(modelOn('2026-06-30', [gpu]))) as { accepted: Array<{ container: string; acceptance: unknown }> };
    expect(accepted.accepted.map((finding) => [finding.container, finding.acceptance])).toEqual([
      ['gpu', { rule: 'privileged-container', object: 'Deployment/shop/web', container: 'gpu', reason: 'the GPU driver | needs <devices>', expires: '2026-06-30', owner: 'team-ml', source: gpu.source }],
    ]);
    const expired = JSON.parse(renderJson(modelOn('2026-07-01', [gpu]))) as { accepted: unknown[]; findings: Array<{ container: string; expiredAcceptance?: { expires: string } }> };
    expect(expired.accepted).toEqual([]);
    expect(expired.findings.find((finding) => finding.container === 'gpu')?.expiredAcceptance?.expires).toBe('2026-06-30');
  });

  it('Markdown: the accepted-risks table is filled in, names escaped', () => {
    const markdown = renderMarkdown(modelOn('2026-06-30', [gpu]));
    expect(markdown).toContain('| Container runs privileged (`privileged-container`) | `Deployment/shop/web (container gpu)` | the GPU driver \\| needs &lt;devices&gt; | team-ml | 2026-06-30 |');
  });
});
