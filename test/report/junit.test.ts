/** JUnit XML: one suite per rule, one failing case per (rule, object), counts that add up, XML 1.0 safe. */
import { describe, expect, it } from 'vitest';
import { junitChunks, renderJunit } from '../../src/report/junit.js';
import { estateModel, hostileModel } from './model.js';
import { findingWith } from '../../src/engine/finding.js';

const attribute = (xml: string, element: string, name: string): string[] => [...xml.matchAll(new RegExp(`<${element} [^>]*?\\b${name}="([^"]*)"`, 'g'))].map((match) => match[1]);

describe('JUnit XML', () => {
  it('has one testsuite per rule that ran, plus one for unreadable input', () => {
    const model = estateModel();
    const xml = renderJunit(model);
    expect(attribute(xml, 'testsuite', 'name')).toEqual([...[...model.rules].sort(), 'input']);
  });

  it('fails one testcase per (rule, object) and passes the rules that found nothing', () => {
    const model = estateModel();
    const xml = renderJunit(model);
    const pairs = new Set(model.findings.map((finding) => `${finding.ruleId} ${finding.object.kind}/${finding.object.namespace ?? ''}/${finding.object.name}`));
    expect(xml.match(/<failure /g)).toHaveLength(pairs.size);
    const suite = (id: string): string => xml.slice(xml.indexOf(`<testsuite name="${id}"`), xml.indexOf('</testsuite>', xml.indexOf(`<testsuite name="${id}"`)));
    const writable = suite('read-only-root-filesystem');
    expect(attribute(writable, 'testsuite', 'failures')).toEqual(['2']);
    expect(attribute(writable, 'testcase', 'name')).toEqual(['DaemonSet/tools/log-agent', 'Deployment/shop/api']);
    expect(writable).toContain('file="test/report/fixtures/estate.yaml"');
    expect(writable).toContain('measure: Set securityContext.readOnlyRootFilesystem: true');

    const clean = hostileModel();
    const quiet = renderJunit({ ...clean, findings: clean.findings.filter((finding) => finding.ruleId !== 'privileged-container') });
    expect(quiet).toContain('<testcase name="privileged-container: no finding" classname="kubethreat.privileged-container" time="0"/>');
  });

  it('adds up: the root totals are the sums of the suites', () => {
    const xml = renderJunit(estateModel());
    for (const key of ['tests', 'failures', 'errors', 'skipped']) {
      const suites = attribute(xml, 'testsuite', key).map(Number);
      expect(Number(attribute(xml, 'testsuites', key)[0])).toBe(suites.reduce((sum, value) => sum + value, 0));
    }
    expect(attribute(xml, 'testsuites', 'errors')).toEqual(['1']);
  });

  it('escapes markup and drops characters XML 1.0 forbids', () => {
    const model = hostileModel();
    const finding = findingWith(model.findings[0], { message: 'bell \u0007 escape \u001b[31m lone \ud800 ok' });
    const xml = renderJunit({ ...model, findings: [finding, ...model.findings.slice(1)] });
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(xml).toContain('bell  escape [31m lone  ok');
    expect(xml).not.toMatch(/<(script|img)\b/);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('comes in pieces of bounded size, so that a report longer than the longest string V8 holds is still written', () => {
    const model = estateModel();
    // 3,000 objects with the estate's findings each: about 10 MB of XML.
    const findings = Array.from({ length: 3000 }, (_, index) =>
      model.findings.map((finding) => findingWith(finding, { object: { ...finding.object, name: `${finding.object.name}-${String(index).padStart(4, '0')}` } })),
    ).flat();
    const large = { ...model, findings };
    const pieces = [...junitChunks(large)];
    expect(pieces.length).toBeGreaterThan(100);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(128 * 1024);
    const xml = pieces.join('');
    expect(xml).toBe(renderJunit(large));
    const pairs = new Set(findings.map((finding) => `${finding.ruleId} ${finding.object.kind}/${finding.object.namespace ?? ''}/${finding.object.name}`));
    expect(xml.match(/<failure /g)).toHaveLength(pairs.size);
    expect(xml.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
  });

  it('matches its snapshot', async () => {
    await expect(renderJunit(estateModel())).toMatchFileSnapshot('__snapshots__/estate.junit.xml');
  });
});
