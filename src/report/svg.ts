/**
 * `--format svg`: the DOT graph of dot.ts laid out by Graphviz, compiled to WebAssembly (@viz-js/viz): no binary on
 * the PATH, no network. Loaded on first use, so the other formats never pay for it.
 */
import type { ThreatModel } from '../engine/threat-model.js';
import { renderDot } from './dot.js';

let viz: Promise<{ renderString(input: string, options: { format: string; engine: string }): string }> | undefined;

export async function renderSvg(model: ThreatModel): Promise<string> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  const svg = (await viz).renderString(renderDot(model), { format: 'svg', engine: 'dot' });
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}
