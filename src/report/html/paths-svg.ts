/** Attack paths drawn as chains: each hop a box, each step an arrow labelled with its technique. */
import type { AttackPathView } from '../extensions.js';
import { escapeHtml, truncate } from './escape.js';

const BOX_WIDTH = 170;
const BOX_HEIGHT = 44;
const STEP = 250;
const MARGIN = 12;

export function pathSvg(path: AttackPathView, pathIndex: number): string {
  const marker = `arrow-${pathIndex}`;
  const hops = [path.steps[0].from, ...path.steps.map((step) => step.to)];
  const width = MARGIN * 2 + (hops.length - 1) * STEP + BOX_WIDTH;
  const height = BOX_HEIGHT + 2 * MARGIN + 34;
  const top = MARGIN + 30;
  const parts: string[] = [];
  hops.forEach((hop, index) => {
    const x = MARGIN + index * STEP;
    const kind = index === 0 ? ' entry' : index === hops.length - 1 ? ' jewel' : '';
    parts.push(`<g class="path-hop${kind}"><title>${escapeHtml(hop)}</title><rect x="${x}" y="${top}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6"/>`);
    parts.push(`<text x="${x + BOX_WIDTH / 2}" y="${top + BOX_HEIGHT / 2 + 4}" text-anchor="middle">${escapeHtml(truncate(hop, 24))}</text></g>`);
  });
  path.steps.forEach((step, index) => {
    const x1 = MARGIN + index * STEP + BOX_WIDTH;
    const x2 = MARGIN + (index + 1) * STEP;
    const y = top + BOX_HEIGHT / 2;
    parts.push(`<g class="path-step"><title>${escapeHtml([step.technique, step.location ?? ''].filter(Boolean).join('\n'))}</title>`);
    parts.push(`<line x1="${x1}" y1="${y}" x2="${x2 - 6}" y2="${y}" marker-end="url(#${marker})"/>`);
    parts.push(`<text x="${(x1 + x2) / 2}" y="${top - 8}" text-anchor="middle">${escapeHtml(truncate(step.technique, 14))}</text></g>`);
  });
  return [
    `<svg class="attack-path" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#b71c1c"/></marker></defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
