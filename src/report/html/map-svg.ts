/**
 * The trust-boundary map drawn as inline SVG: the cluster holds namespace boxes (kube-system tinted), each listing
 * its workloads coloured by their worst finding; node pools sit below, with a red line from every workload that can
 * cross into them; workloads reached from the internet carry a blue mark. Laid out here, in columns, so the page
 * needs no layout engine and no script to show it.
 */
import type { Severity } from '../../taxonomy/index.js';
import { poolTitle, type BoundaryMap, type MapNamespace, type MapWorkload } from '../boundary-map.js';
import { plural } from '../present.js';
import { escapeHtml, truncate } from './escape.js';

const COLUMN_WIDTH = 270;
const GAP = 18;
const MARGIN = 14;
const HEADER = 28;
const ROW = 20;
const PADDING = 8;
const MAX_COLUMNS = 4;
const POOL_ESCAPES_SHOWN = 6;

export const SEVERITY_COLOURS: Record<Severity, string> = { critical: '#b71c1c', high: '#e65100', medium: '#f9a825', low: '#78909c', info: '#b0bec5' };
const LEVEL_COLOURS: Record<string, string> = { privileged: '#c62828', baseline: '#ef6c00', restricted: '#2e7d32' };

interface Placed {
  namespace: MapNamespace;
  x: number;
  y: number;
  height: number;
}

export function mapSvg(map: BoundaryMap): string {
  const columns = Math.max(1, Math.min(MAX_COLUMNS, map.namespaces.length));
  const clusterTop = MARGIN + (map.entryPoints && map.entryPoints.length > 0 ? 70 : 0);
  const contentTop = clusterTop + 34;
  const heights = new Array<number>(columns).fill(contentTop);
  const placed: Placed[] = map.namespaces.map((namespace) => {
    const rows = namespace.workloads.length + (namespace.moreWorkloads > 0 || namespace.workloads.length === 0 ? 1 : 0);
    const height = HEADER + rows * ROW + PADDING;
    const column = heights.indexOf(Math.min(...heights));
    const box = { namespace, x: MARGIN + PADDING + column * (COLUMN_WIDTH + GAP), y: heights[column], height };
    heights[column] += height + GAP;
    return box;
  });
  const width = MARGIN * 2 + PADDING * 2 + columns * COLUMN_WIDTH + (columns - 1) * GAP;
  const clusterBottom = Math.max(...heights) + (map.moreNamespaces > 0 ? ROW : 0);
  const parts: string[] = [];
  const rowPositions = new Map<string, { x: number; y: number }>();

  parts.push(`<rect class="map-cluster" x="${MARGIN}" y="${clusterTop}" width="${width - 2 * MARGIN}" height="${clusterBottom - clusterTop}" rx="10"/>`);
  parts.push(`<text class="map-title" x="${MARGIN + 12}" y="${clusterTop + 22}">${escapeHtml(truncate(`Cluster: ${map.cluster}`, 80))}</text>`);
  for (const box of placed) parts.push(...namespaceBox(box, rowPositions));
  if (map.moreNamespaces > 0) parts.push(`<text class="map-more" x="${MARGIN + 12}" y="${clusterBottom - 6}">+${map.moreNamespaces} more namespaces (see the findings table)</text>`);

  if (map.entryPoints && map.entryPoints.length > 0) {
    const labels = map.entryPoints.map((entry) => `${entry.label} (${entry.via})`);
    parts.push(`<rect class="map-internet" x="${MARGIN}" y="${MARGIN}" width="${width - 2 * MARGIN}" height="56" rx="28"/>`);
    parts.push(`<text class="map-title internet" x="${MARGIN + 20}" y="${MARGIN + 24}">Internet: ${map.entryPoints.length} entry points</text>`);
    parts.push(`<text class="map-small" x="${MARGIN + 20}" y="${MARGIN + 44}">${escapeHtml(truncate(labels.join(' · '), 150))}</text>`);
  }

  // Node pools below the cluster, in the same columns.
  const poolTop = clusterBottom + 30;
  const poolHeights = new Array<number>(columns).fill(poolTop + 26);
  const edges: string[] = [];
  const pools: string[] = [`<text class="map-title" x="${MARGIN + 4}" y="${poolTop + 14}">Nodes</text>`];
  map.pools.forEach((pool) => {
    const shown = pool.escapes.slice(0, POOL_ESCAPES_SHOWN);
    const height = HEADER + ROW + shown.length * ROW + (pool.escapes.length > shown.length ? ROW : 0) + PADDING;
    const column = poolHeights.indexOf(Math.min(...poolHeights));
    const x = MARGIN + PADDING + column * (COLUMN_WIDTH + GAP);
    const y = poolHeights[column];
    poolHeights[column] += height + GAP;
    pools.push(`<g class="map-pool${pool.controlPlane ? ' control-plane' : ''}"><title>${escapeHtml(`${poolTitle(pool)}: ${plural(pool.workloads, 'workload')}, ${pool.escapes.length} can cross into the node`)}</title>`);
    pools.push(`<rect x="${x}" y="${y}" width="${COLUMN_WIDTH}" height="${height}" rx="4"/>`);
    pools.push(`<text class="map-heading" x="${x + 10}" y="${y + 19}">${escapeHtml(truncate(poolTitle(pool), 38))}</text>`);
    pools.push(`<text class="map-small" x="${x + 10}" y="${y + HEADER + 12}">${plural(pool.workloads, 'workload')}, ${pool.escapes.length} can cross into the node</text>`);
    shown.forEach((escape, index) => {
      const rowY = y + HEADER + ROW * (index + 1) + 12;
      pools.push(`<text class="map-escape" x="${x + 10}" y="${rowY}">${escapeHtml(truncate(`${escape.everyNode ? 'every node · ' : ''}${escape.key}: ${escape.nodeEscapes.join(', ')}`, 44))}</text>`);
      const from = rowPositions.get(escape.key);
      if (from) edges.push(`<path class="map-edge" d="M${from.x} ${from.y} C ${from.x + 40} ${from.y}, ${x + COLUMN_WIDTH / 2} ${y - 40}, ${x + COLUMN_WIDTH / 2} ${y}"/>`);
    });
    if (pool.escapes.length > shown.length) pools.push(`<text class="map-more" x="${x + 10}" y="${y + HEADER + ROW * (shown.length + 1) + 12}">+${pool.escapes.length - shown.length} more</text>`);
    pools.push('</g>');
  });
  if (map.pools.length === 0) pools.push(`<text class="map-small" x="${MARGIN + 4}" y="${poolTop + 40}">No workload is scheduled on a node in the input.</text>`);
  const height = Math.max(...poolHeights) + MARGIN;

  return [
    `<svg class="boundary-map" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-caption">`,
    `<title id="map-caption">Trust boundaries: ${map.namespaces.length + map.moreNamespaces} namespaces, ${map.pools.length} node pools</title>`,
    ...parts,
    ...pools,
    ...edges,
    '</svg>',
  ].join('\n');
}

function namespaceBox(box: Placed, rowPositions: Map<string, { x: number; y: number }>): string[] {
  const { namespace, x, y, height } = box;
  const parts = [`<g class="map-namespace${namespace.system ? ' system' : ''}" data-namespace="${escapeHtml(namespace.name)}"><title>${escapeHtml(`namespace ${namespace.name}: ${plural(namespace.findings, 'finding')}`)}</title>`];
  parts.push(`<rect x="${x}" y="${y}" width="${COLUMN_WIDTH}" height="${height}" rx="6"${namespace.highest ? ` stroke="${SEVERITY_COLOURS[namespace.highest]}"` : ''}/>`);
  parts.push(`<text class="map-heading" x="${x + 10}" y="${y + 19}">${escapeHtml(truncate(namespace.name, 30))}</text>`);
  if (namespace.findings > 0) parts.push(`<text class="map-count" x="${x + COLUMN_WIDTH - 10}" y="${y + 19}" text-anchor="end">${namespace.findings}</text>`);
  namespace.workloads.forEach((workload, index) => {
    const rowY = y + HEADER + index * ROW;
    parts.push(workloadRow(workload, x, rowY));
    rowPositions.set(workload.key, { x: x + COLUMN_WIDTH, y: rowY + ROW / 2 });
  });
  const last = y + HEADER + namespace.workloads.length * ROW + 14;
  if (namespace.moreWorkloads > 0) parts.push(`<text class="map-more" x="${x + 12}" y="${last}">+${plural(namespace.moreWorkloads, 'more workload')}</text>`);
  else if (namespace.workloads.length === 0) parts.push(`<text class="map-more" x="${x + 12}" y="${last}">no workloads</text>`);
  parts.push('</g>');
  return parts;
}

function workloadRow(workload: MapWorkload, x: number, y: number): string {
  const details = [
    `${workload.kind} ${workload.name}`,
    `Pod Security level: ${workload.podSecurityLevel}`,
    `service account: ${workload.serviceAccount}`,
    `${plural(workload.findings, 'finding')}${workload.highest ? `, worst ${workload.highest}` : ''}`,
    workload.nodeEscapes.length > 0 ? `crosses into its node by: ${workload.nodeEscapes.join(', ')}` : '',
    workload.exposed ? 'reached from the internet' : '',
  ].filter(Boolean);
  const dot = workload.highest ? SEVERITY_COLOURS[workload.highest] : '#e0e0e0';
  const level = workload.podSecurityLevel;
  return [
    `<g class="map-workload" data-object="${escapeHtml(workload.key)}"><title>${escapeHtml(details.join('\n'))}</title>`,
    workload.exposed ? `<rect class="map-exposed" x="${x + 1}" y="${y + 2}" width="4" height="${ROW - 4}"/>` : '',
    `<circle cx="${x + 14}" cy="${y + ROW / 2}" r="5" fill="${dot}"/>`,
    `<text x="${x + 26}" y="${y + 14}"${workload.nodeEscapes.length > 0 ? ' class="escapes"' : ''}>${escapeHtml(truncate(`${workload.kind} ${workload.name}`, workload.nodeEscapes.length > 0 ? 25 : 28))}</text>`,
    `<text class="map-level" x="${x + COLUMN_WIDTH - 10}" y="${y + 14}" text-anchor="end" fill="${LEVEL_COLOURS[level] ?? '#555'}">${escapeHtml(level)}</text>`,
    '</g>',
  ].join('');
}
