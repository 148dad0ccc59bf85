/** DOT and SVG: the boundary map and the attack paths, rendered offline by Graphviz compiled to WebAssembly. */
import { describe, expect, it } from 'vitest';
import { dotString, renderDot } from '../../src/report/dot.js';
import { renderSvg } from '../../src/report/svg.js';
import { estateModel, hostileModel, withAnalyses } from './model.js';

describe('DOT', () => {
  it('nests workloads in namespaces in the cluster, and draws node escapes to their pool', () => {
    const dot = renderDot(estateModel());
    expect(dot).toMatch(/subgraph cluster_estate \{[\s\S]*subgraph cluster_ns\d+ \{\n\s+label="namespace tools \(4 findings\)"/);
    expect(dot).toMatch(/w\d+_\d+ \[label="DaemonSet log-agent\\nprivileged · sa default · 2 findings"/);
    expect(dot).toMatch(/w\d+_\d+ -> pool0 \[label="every node: privileged-container", color="#d32f2f"/);
    expect(dot).not.toContain('internet');
    expect(dot).not.toContain('cluster_path');
  });

  it('adds the internet and the attack paths when the model has them', () => {
    const dot = renderDot(withAnalyses(estateModel()));
    expect(dot).toMatch(/internet -> w\d+_\d+ \[label="Ingress"/);
    expect(dot).toContain('label="Attack path 1: Internet → cluster-admin (critical)"');
    expect(dot).toContain('p0_0 -> p0_1 [label="exploit exposed workload\\ntest/report/fixtures/estate.yaml:26"');
  });

  it('quotes every name so that it stays one label', () => {
    expect(dotString('a"b\\c\nd & &lt;')).toBe('"a\\"b\\\\c d &amp; &amp;lt;"');
    const dot = renderDot(hostileModel());
    for (const line of dot.split('\n').filter((text) => text.includes('label='))) {
      const unescapedQuotes = line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? [];
      expect(unescapedQuotes.length % 2, line).toBe(0);
    }
  });

  it('matches its snapshot', async () => {
    await expect(renderDot(withAnalyses(estateModel()))).toMatchFileSnapshot('__snapshots__/estate.dot');
  });
});

describe('SVG', () => {
  it('renders the graph offline, names shown as text', async () => {
    const svg = await renderSvg(withAnalyses(hostileModel()));
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('<svg');
    expect(svg).not.toMatch(/<(script|img)\b/i);
    expect(svg).not.toMatch(/<[^>]*\son(error|load)=/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Attack path 1');
  });
});
