/** The HTML report as text: self-contained, allowed by its own CSP hashes, input escaped. The browser test runs it. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/index.js';
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

  it('matches its snapshot', async () => {
    await expect(renderHtml(estateModel())).toMatchFileSnapshot('__snapshots__/estate.html');
  });
});
