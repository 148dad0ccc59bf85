/** The HTML report as text: self-contained, allowed by its own CSP hashes, input escaped. The browser test runs it. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/index.js';
import { PAGE_FINDINGS, type PageData } from '../../src/report/html/data.js';
import { findingWith } from '../../src/engine/finding.js';
import { summarize } from '../../src/engine/analyze.js';
import { estateModel, hostileModel, withAnalyses } from './model.js';

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the HTML report', () => {
  it('allows exactly its own inline script and style, and nothing from anywhere else', () => {
    const html = renderHtml(estateModel());
    const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] ?? '';
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(policy.split('; ')).toEqual(["default-src 'none'", `script-src ${sha256(script)}`, `style-src ${sha256(style)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"]);
    expect(html).not.toMatch(/\s(src|srcset|action|xlink:href)=/);
    for (const [, target] of html.matchAll(/\shref="([^"]*)"/g)) expect(target.startsWith('#')).toBe(true);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('escapes every input string outside the data block, and the data block cannot be closed from inside', () => {
    const html = renderHtml(withAnalyses(hostileModel()));
    const start = html.indexOf('<script type="application/json" id="kt-data">');
    const end = html.indexOf('</script>', start);
    const data = html.slice(start + '<script type="application/json" id="kt-data">'.length, end);
    const outside = html.slice(0, start) + html.slice(end);
    expect(outside).not.toMatch(/<(img|svg onload|b>)|<script>alert|window\.pwned=true<\/script>/);
    // No event-handler attribute anywhere: attribute values (escaped, so they hold no quote) are blanked first.
    expect(outside.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son\w+=/);
    expect(outside).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(data).not.toMatch(/[<>]/);
    expect(JSON.stringify(JSON.parse(data))).toContain('"><img src=x onerror=alert(1)>');
  });

  it('holds at most PAGE_FINDINGS findings, the most severe, and says where the rest are', () => {
    const base = estateModel();
    const template = base.findings[0];
    const count = PAGE_FINDINGS + 7;
    const findings = Array.from({ length: count }, (_, index) =>
      findingWith(template, {
        severity: index < count - 10 ? ('high' as const) : ('critical' as const),
        object: { ...template.object, name: `workload-${String(index).padStart(6, '0')}` },
        fingerprint: `${template.ruleId}@${index}`,
      }),
    );
    const html = renderHtml({ ...base, findings, summary: summarize(findings) });
    const start = html.indexOf('<script type="application/json" id="kt-data">') + '<script type="application/json" id="kt-data">'.length;
    const data = JSON.parse(html.slice(start, html.indexOf('</script>', start))) as PageData;
    expect(data.findings).toHaveLength(PAGE_FINDINGS);
    expect(data.total).toBe(count);
    expect(data.findings.slice(0, 10).every((finding) => finding.s === 'critical')).toBe(true);
    expect(html).toContain(`This page holds the ${PAGE_FINDINGS.toLocaleString('en')} most severe of ${count.toLocaleString('en')} findings`);
    expect(renderHtml(base)).not.toContain('most severe of');
  });

  it('matches its snapshot', async () => {
    await expect(renderHtml(estateModel())).toMatchFileSnapshot('__snapshots__/estate.html');
  });
});
