/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core (never a downloaded build), loading
 * the report from file:// as a user would. One browser for the whole file; a page per report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Finding } from '../../src/engine/finding.js';
import type { ThreatModel } from '../../src/engine/threat-model.js';
import { summarize } from '../../src/engine/analyze.js';
import { renderHtml } from '../../src/report/html/index.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderSvg } from '../../src/report/svg.js';
import { estateModel, hostileModel, HOSTILE, withAnalyses } from './model.js';
import { REPO, runCli } from './run-cli.js';
import { findingWith } from '../../src/engine/finding.js';

const ARTIFACTS = path.join(REPO, 'test-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions, dialogs opened and requests that left file://. */
  errors: string[];
  dialogs: string[];
  requests: string[];
}

async function open(html: string, name: string): Promise<Opened> {
  const file = path.join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened: Opened = { page, errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') opened.errors.push(message.text());
  });
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) opened.requests.push(request.url());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return opened;
}

const visibleRows = (page: Page): Promise<number> => page.locator('#findings-body tr.finding').count();
const matchCount = async (page: Page): Promise<number> => Number((await page.textContent('#match-count'))?.split(' ')[0]);

describe('the HTML report of the bundled example', () => {
  let opened: Opened;
  let model: { summary: ThreatModel['summary']; findings: Array<{ severity: string; boundary: string; ruleId: string; fingerprint: string; object: { kind: string; name: string; namespace?: string } }>; scope: ThreatModel['scope'] };

  beforeAll(async () => {
    const html = await runCli(['scan', 'examples/webshop', '--format', 'html']);
    const json = await runCli(['scan', 'examples/webshop', '--format', 'json']);
    model = JSON.parse(json.stdout);
    opened = await open(html.stdout, 'webshop');
  }, 60_000);

  it('loads from file:// with no console error, no dialog and no request', async () => {
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([]);
    await opened.page.screenshot({ path: path.join(ARTIFACTS, 'webshop.png') });
  });

  it('shows the numbers of the JSON report', async () => {
    const count = async (name: string): Promise<number> => Number(await opened.page.textContent(`[data-count="${name}"] .value`));
    expect(await count('total')).toBe(model.summary.total);
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) expect(await count(severity)).toBe(model.summary.bySeverity[severity]);
    expect(await count('objects')).toBe(model.scope.objects);
    expect(await count('workloads')).toBe(model.scope.workloads);
    expect(await count('namespaces')).toBe(model.scope.namespaces.length);
    for (const boundary of ['cluster', 'node', 'namespace', 'pod'] as const) {
      expect(Number(await opened.page.textContent(`table.by-boundary tr[data-boundary="${boundary}"] td.num`))).toBe(model.summary.byBoundary[boundary]);
    }
    expect(await matchCount(opened.page)).toBe(model.summary.total);
  });

  it('pages through the findings, 50 at a time', async () => {
    const { page } = opened;
    expect(model.summary.total).toBeGreaterThan(100);
    expect(await visibleRows(page)).toBe(50);
    await page.click('#page-next');
    expect(await visibleRows(page)).toBe(50);
    expect(await page.textContent('#page-info')).toContain('showing 51–100');
    await page.click('#page-prev');
    expect(await page.textContent('#page-info')).toContain('showing 1–50');
  });

  it('filters by severity, boundary, namespace, rule and search, as the JSON counts them', async () => {
    const { page } = opened;
    const expectRows = async (expected: number): Promise<void> => {
      expect(await matchCount(page)).toBe(expected);
      expect(await visibleRows(page)).toBe(Math.min(50, expected));
    };
    await page.selectOption('#filter-severity', 'critical');
    await expectRows(model.findings.filter((finding) => finding.severity === 'critical').length);
    for (const row of await page.locator('#findings-body tr.finding').all()) expect(await row.getAttribute('data-severity')).toBe('critical');

    await page.selectOption('#filter-boundary', 'node');
    await expectRows(model.findings.filter((finding) => finding.severity === 'critical' && finding.boundary === 'node').length);
    await page.selectOption('#filter-severity', '');
    await expectRows(model.findings.filter((finding) => finding.boundary === 'node').length);
    await page.selectOption('#filter-boundary', '');

    await page.selectOption('#filter-namespace', 'shop-dev');
    // A finding on the Namespace object itself belongs to that namespace too.
    const inShopDev = model.findings.filter((finding) => finding.object.namespace === 'shop-dev' || (finding.object.kind === 'Namespace' && finding.object.name === 'shop-dev'));
    expect(inShopDev.some((finding) => finding.object.kind === 'Namespace')).toBe(true);
    await expectRows(inShopDev.length);
    await page.selectOption('#filter-namespace', '');

    await page.selectOption('#filter-rule', 'host-pid');
    await expectRows(model.findings.filter((finding) => finding.ruleId === 'host-pid').length);
    await page.selectOption('#filter-rule', '');

    const one = model.findings[7];
    await page.fill('#search', one.fingerprint.toUpperCase());
    await expectRows(1);
    await page.fill('#search', 'no finding says this');
    await expectRows(0);
    expect(await page.isVisible('#no-findings')).toBe(true);
    await page.fill('#search', '');
    await expectRows(model.summary.total);
  });

  it('shows the evidence and the measure of a finding when its row is opened', async () => {
    const { page } = opened;
    const row = page.locator('#findings-body tr.finding').first();
    const details = page.locator('#findings-body tr.details').first();
    expect(await details.isVisible()).toBe(false);
    await row.click();
    expect(await details.isVisible()).toBe(true);
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('Measure');
    expect(text).toMatch(/examples\/webshop\/[\w/-]+\.yaml:\d+:\d+/);
    expect(text).toMatch(/Fingerprint[\w-]+@[0-9a-f]{16}/);
  });

  it('draws the trust-boundary map with every namespace and the workloads that cross into their nodes', async () => {
    const { page } = opened;
    for (const namespace of model.scope.namespaces) expect(await page.locator(`svg.boundary-map g.map-namespace[data-namespace="${namespace}"]`).count()).toBe(1);
    expect(await page.locator('svg.boundary-map path.map-edge').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.boundary-map g.map-workload').count()).toBe(model.scope.workloads);
  });
});

describe('hostile names', () => {
  it('are shown as text and run nothing, in the plain report and with every optional section', async () => {
    for (const [name, model] of [
      ['hostile', hostileModel()],
      ['hostile-analyses', withAnalyses(hostileModel())],
    ] as const) {
      const opened = await open(renderHtml(model), name);
      const { page } = opened;
      await page.click('#findings-body tr.finding >> nth=0');
      expect(opened.dialogs).toEqual([]);
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(2);
      expect(await page.locator('[onerror], [onload]').count()).toBe(0);
      const text = (await page.textContent('body')) ?? '';
      expect(text).toContain(HOSTILE);
      expect(text).toContain('<script>alert(1)</script>');
      expect(text).toContain('</script><script>window.pwned=true</script>');
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
      await page.close();
    }
  });
});

describe('sections of later analyses', () => {
  it('are drawn when the model has them and absent when it does not', async () => {
    const plain = await open(renderHtml(estateModel()), 'estate');
    for (const id of ['#paths', '#rbac', '#network']) expect(await plain.page.locator(id).count()).toBe(0);
    await plain.page.close();

    const opened = await open(renderHtml(withAnalyses(estateModel())), 'estate-analyses');
    const { page } = opened;
    expect(opened.errors).toEqual([]);
    expect(await page.locator('#paths svg.attack-path g.path-hop').count()).toBe(4);
    expect(await page.locator('#rbac tbody tr').count()).toBe(1);
    expect(await page.locator('#network table.matrix tbody tr').count()).toBe(2);
    expect(await page.locator('svg.boundary-map rect.map-exposed').count()).toBe(1);
    await (await page.$('#paths'))?.screenshot({ path: path.join(ARTIFACTS, 'attack-paths.png') });
    await page.close();
  });
});

describe('a large estate', () => {
  it('stays usable with thousands of findings: one page of rows, filters answer at once', async () => {
    const base = estateModel();
    const template = base.findings[0];
    const findings: Finding[] = Array.from({ length: 6000 }, (_, index) =>
      findingWith(template, {
        severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[index % 5],
        object: { ...template.object, name: `workload-${index}` },
        message: `Finding number ${index}`,
        fingerprint: `${template.ruleId}@${index.toString(16).padStart(16, '0')}`,
      }),
    );
    const model = { ...base, findings, summary: summarize(findings) };
    const started = Date.now();
    const opened = await open(renderHtml(model), 'large');
    const { page } = opened;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(opened.errors).toEqual([]);
    expect(await visibleRows(page)).toBe(50);
    expect(await matchCount(page)).toBe(6000);
    await page.selectOption('#filter-severity', 'high');
    expect(await matchCount(page)).toBe(1200);
    await page.fill('#search', 'number 4241');
    expect(await matchCount(page)).toBe(1);
    await page.close();
  });
});

describe('XML reports, read by the browser', () => {
  it('JUnit and SVG are well-formed XML, hostile names included', async () => {
    const page = await browser.newPage();
    for (const model of [estateModel(), hostileModel()]) {
      for (const [type, xml] of [
        ['application/xml', renderJunit(model)],
        ['image/svg+xml', await renderSvg(withAnalyses(model))],
      ] as const) {
        const result = await page.evaluate(
          ([source, mime]) => {
            const doc = new DOMParser().parseFromString(source, mime as DOMParserSupportedType);
            return { error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null, scripts: doc.getElementsByTagName('script').length, text: doc.documentElement.textContent ?? '' };
          },
          [xml, type] as const,
        );
        expect(result.error).toBeNull();
        expect(result.scripts).toBe(0);
        if (model.scope.namespaces.includes('<script>alert(1)</script>')) expect(result.text).toContain('<script>alert(1)</script>');
      }
    }
    await page.close();
  });
});
