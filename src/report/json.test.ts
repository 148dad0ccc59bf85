import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import type { Finding } from '../engine/finding.js';
import type { Acceptance } from '../config/types.js';
import { loadInputs } from '../load/index.js';
import { analyzeText, TEST_NOW } from '../testing/scan-text.js';
import { escapeControls, findingJsonText, jsonFinding, renderJson } from './json.js';
import { FindingTexts } from './json-finding-texts.js';
import { findingWith } from '../engine/finding.js';
import { RuleFinding } from '../engine/rule-finding.js';

/** An engine finding like `finding`, its message filled from other data. */
function withData(finding: RuleFinding, data: Record<string, string | number>): RuleFinding {
  return new RuleFinding(finding.rule, finding.severity, finding.site, finding.container, finding.at, finding.location, finding.related, finding.messageId, data, finding.hashHigh, finding.hashLow, undefined);
}

/** A Deployment whose Pod runs Istio's init container, which no template lists. */
const MESHED = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, uid: d-1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: registry.example.com/web:1.0.0 }]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-x1
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d-1, controller: true }]
spec:
  initContainers: [{ name: istio-init, image: docker.io/istio/proxyv2:1.22.3, securityContext: { capabilities: { add: [NET_ADMIN, NET_RAW] } } }]
  containers: [{ name: web, image: registry.example.com/web:1.0.0 }]
`;

describe('the JSON report', () => {
  it('writes each finding exactly as JSON.stringify would, on one line', async () => {
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, options: { includePlatform: true }, now: TEST_NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    expect(model.findings.length).toBeGreaterThan(100);
    // The optional fields occur: containers, related objects, risks, persistence; platform and expired acceptances added.
    for (const field of ['container', 'risk', 'persistence'] as const) expect(model.findings.some((finding) => finding[field] !== undefined && finding[field] !== false)).toBe(true);
    expect(model.findings.some((finding) => finding.related.length > 0)).toBe(true);
    const expired: Acceptance = { rule: model.findings[0].ruleId, reason: 'legacy "app"\n', expires: '2025-01-01', source: { file: '.kubethreat.yaml', line: 3, column: 5, via: 'config' } };
    const hostile = 'evil\u009b2J\u202eright-to-left';
    // Engine findings write their message from its template and data: data that needs escaping, and data that lacks a key.
    const engine = model.findings.find((finding): finding is RuleFinding => finding instanceof RuleFinding && /\{\{/.test(finding.template))!;
    const escapedData = Object.fromEntries(Object.keys(engine.data).map((key) => [key, `said "no" \\ then\n\u0001 \ud800 alone, \ud83d\ude00 paired, \u007f ${hostile}`]));
    const variants: Finding[] = [
      ...model.findings,
      findingWith(model.findings[0], { platform: true, expiredAcceptance: { ...expired, reason: hostile } }),
      findingWith(model.findings[0], { remediation: 'A measure of its own.' }),
      findingWith(model.findings[0], { container: hostile, message: `${hostile} runs as root`, related: [{ apiVersion: 'v1', kind: 'ServiceAccount', name: hostile, namespace: 'shop' }] }),
      // What JSON.stringify itself escapes: quotes, backslashes, C0 controls, lone surrogates (a pair is kept).
      findingWith(model.findings[0], { container: 'a"b\\c', message: 'said "no" \\ then\n\t\u0001 \ud800 alone, \ud83d\ude00 paired, \u007f' }),
      findingWith(model.findings[0], { object: { apiVersion: 'v1', kind: 'Pod', name: hostile, namespace: 'shop' }, location: { file: `${hostile}.yaml`, line: 1, column: 1 }, path: `metadata.labels.${hostile}` }),
      // A finding on a container admission added: the Pod it was read from (and a name that needs escaping).
      findingWith(model.findings[0], { container: 'istio-init', admittedIn: { apiVersion: 'v1', kind: 'Pod', name: hostile, namespace: 'shop' } }),
      ...analyzeText(MESHED).findings,
      withData(engine, { ...escapedData, extra: 3 }),
      withData(engine, {}),
    ];
    expect(variants.filter((finding) => finding.admittedIn !== undefined).length).toBeGreaterThan(3);
    expect(variants.at(-2)!.message).toContain(hostile);
    expect(variants.at(-1)!.message).toMatch(/\{\{\s*\w+\s*\}\}/);
    const cache = new FindingTexts();
    for (const finding of variants) expect(findingJsonText(finding, cache)).toBe(escapeControls(JSON.stringify(jsonFinding(finding))));
    // Terminal controls in names are escaped wherever they occur, and the text is still the same JSON value.
    const hostileVariants = variants.filter((variant) => JSON.stringify(jsonFinding(variant)).includes('\u202e'));
    expect(hostileVariants).toHaveLength(5);
    for (const finding of hostileVariants) {
      expect(findingJsonText(finding, cache)).not.toMatch(/[\u009b\u202e]/);
      expect(JSON.parse(findingJsonText(finding, cache))).toEqual(JSON.parse(JSON.stringify(jsonFinding(finding))));
    }
    // Empty strings first, where nothing was described before them.
    const empty = findingWith(model.findings[0], { path: '', remediation: '' });
    expect(findingJsonText(empty, new FindingTexts())).toBe(escapeControls(JSON.stringify(jsonFinding(empty))));
    const text = renderJson(model);
    expect(JSON.parse(text).findings).toEqual(model.findings.map(jsonFinding));
    expect(text).toContain(`\n    ${findingJsonText(model.findings[0])},\n`);
  });
});
