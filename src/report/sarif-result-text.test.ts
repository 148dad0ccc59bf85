import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { findingWith, type Finding } from '../engine/finding.js';
import { RuleFinding } from '../engine/rule-finding.js';
import { loadInputs } from '../load/index.js';
import { TEST_NOW } from '../testing/scan-text.js';
import { escapedJson } from './json-finding-blocks.js';
import { renderSarif } from './sarif.js';
import { sarifResult } from './sarif-result.js';
import { SarifResultTexts } from './sarif-result-text.js';

describe('SARIF results written as text', () => {
  it('are the JSON of the result objects, byte for byte, whatever the findings hold', async () => {
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, options: { includePlatform: true }, now: TEST_NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    expect(model.findings.length).toBeGreaterThan(100);
    // The optional parts occur: containers, related objects (with and without a source), platform, persistence.
    expect(model.findings.some((finding) => finding.container !== undefined)).toBe(true);
    expect(model.findings.some((finding) => finding.related.length > 0)).toBe(true);
    expect(model.findings.some((finding) => finding.persistence)).toBe(true);
    const hostile = 'evil\u009b2J\u202eright-to-left [x](javascript:alert(1)) "quoted" \\ back\n\u0001 \ud800 alone, \ud83d\ude00 paired';
    const [first] = model.findings;
    const engine = model.findings.find((finding): finding is RuleFinding => finding instanceof RuleFinding && /\{\{/.test(finding.template))!;
    const variants: Finding[] = [
      ...model.findings,
      findingWith(first, { platform: true, persistence: true, container: hostile }),
      findingWith(first, { container: 'istio-init', admittedIn: { apiVersion: 'v1', kind: 'Pod', name: hostile, namespace: 'shop', cluster: 'prod' } }),
      findingWith(first, { message: hostile, path: `metadata.labels.${hostile}`, remediation: hostile, fingerprint: `${first.ruleId}@${hostile}` }),
      findingWith(first, { location: { file: `charts/${hostile}/out.yaml`, line: 0, column: 0, helmTemplate: `templates/${hostile}.yaml` } }),
      findingWith(first, { location: { file: '<stdin>', line: 3, column: 1 } }),
      findingWith(first, { object: { apiVersion: 'v1', kind: 'Pod', name: hostile, namespace: 'shop', cluster: 'prod' } }),
      findingWith(first, { related: [{ apiVersion: 'v1', kind: 'ServiceAccount', name: hostile, namespace: 'shop' }] }),
      findingWith(first, { severity: 'critical' as const, boundary: 'cluster' as const, stride: ['elevation-of-privilege' as const] }),
      new RuleFinding(engine.rule, engine.severity, engine.site, engine.container, engine.at, engine.location, engine.related, engine.messageId, Object.fromEntries(Object.keys(engine.data).map((key) => [key, hostile])), engine.hashHigh, engine.hashLow, undefined),
    ];
    const index = (ruleId: string): number => ruleId.length;
    const texts = new SarifResultTexts(index);
    for (const finding of variants) expect(texts.text(finding)).toBe(escapedJson(sarifResult(finding, index(finding.ruleId))));
    // In another order the shared pieces are looked up again, not carried over from the wrong finding.
    const again = new SarifResultTexts(index);
    for (const finding of [...variants].reverse()) expect(again.text(finding)).toBe(escapedJson(sarifResult(finding, index(finding.ruleId))));
  });

  it('leave no control character or bidirectional override of the input raw in the log', async () => {
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, now: TEST_NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    const hostile = 'evil\u001bP\u009b2J\u202eright-to-left\u2066\u0007';
    const findings = [findingWith(model.findings[0], { container: hostile, message: hostile }), ...model.findings.slice(1)];
    const log = renderSarif({ ...model, findings, problems: [{ severity: 'warning', file: `${hostile}.yaml`, message: hostile }] });
    expect(log).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const parsed = JSON.parse(log) as { runs: Array<{ results: Array<{ properties: { container?: string } }>; invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }> };
    expect(parsed.runs[0].results[0].properties.container).toBe(hostile);
    expect(parsed.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain(hostile);
  });
});
