import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import type { Finding } from '../engine/finding.js';
import type { Acceptance } from '../config/types.js';
import { loadInputs } from '../load/index.js';
import { TEST_NOW } from '../testing/scan-text.js';
import { findingJsonText, jsonFinding, jsonTextCache, renderJson } from './json.js';
import { findingWith } from '../engine/finding.js';

describe('the JSON report', () => {
  it('writes each finding exactly as JSON.stringify would, on one line', async () => {
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, options: { includePlatform: true }, now: TEST_NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    expect(model.findings.length).toBeGreaterThan(100);
    // The optional fields occur: containers, related objects, risks, persistence; platform and expired acceptances added.
    for (const field of ['container', 'risk', 'persistence'] as const) expect(model.findings.some((finding) => finding[field] !== undefined && finding[field] !== false)).toBe(true);
    expect(model.findings.some((finding) => finding.related.length > 0)).toBe(true);
    const expired: Acceptance = { rule: model.findings[0].ruleId, reason: 'legacy "app"\n', expires: '2025-01-01', source: { file: '.kubethreat.yaml', line: 3, column: 5, via: 'config' } };
    const variants: Finding[] = [...model.findings, findingWith(model.findings[0], { platform: true, expiredAcceptance: expired }), findingWith(model.findings[0], { remediation: 'A measure of its own.' })];
    const cache = jsonTextCache();
    for (const finding of variants) expect(findingJsonText(finding, cache)).toBe(JSON.stringify(jsonFinding(finding)));
    const text = renderJson(model);
    expect(JSON.parse(text).findings).toEqual(model.findings.map(jsonFinding));
    expect(text).toContain(`\n    ${findingJsonText(model.findings[0])},\n`);
  });
});
