/**
 * `--format dot`: the trust-boundary map as a Graphviz graph (cluster → namespaces → workloads, node pools, entry
 * points) and, when the model has them, the attack paths. `--format svg` renders the same graph offline.
 */
import type { ThreatModel } from '../engine/threat-model.js';
import type { Severity } from '../taxonomy/index.js';
import { boundaryMap, poolTitle, type BoundaryMap } from './boundary-map.js';
import { plural } from './present.js';
import { readAttackPaths, type AttackPathView } from './extensions.js';

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A DOT double-quoted string holding text: backslashes and quotes escaped, and `&` written as an entity because
 * Graphviz decodes entities in labels (so `&lt;` in a name stays the four characters it is).
 */
export function dotString(text: string): string {
  return `"${dotText(text)}"`;
}

function dotText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;').replace(/\r?\n|\r/g, ' ');
}

/** Several lines of text as one label; the line breaks are Graphviz's own, added after escaping. */
function dotLines(...lines: string[]): string {
  return `"${lines.map(dotText).join('\\n')}"`;
}

const FILL: Record<Severity, string> = { critical: '#ffcdd2', high: '#ffe0b2', medium: '#fff9c4', low: '#eceff1', info: '#f5f5f5' };
const LINE: Record<Severity, string> = { critical: '#b71c1c', high: '#e65100', medium: '#f9a825', low: '#546e7a', info: '#9e9e9e' };

export function renderDot(model: ThreatModel): string {
  const map = boundaryMap(model);
  const lines = [
    'digraph kubethreat {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, compound=true, nodesep=0.25, ranksep=0.6, label=${dotString(`kubethreat ${model.tool.version}: trust boundaries of ${model.scope.objects} objects`)}, labelloc=t];`,
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#607d8b", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...mapLines(map),
    ...pathLines(readAttackPaths(model) ?? []),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function mapLines(map: BoundaryMap): string[] {
  const lines: string[] = [];
  const ids = new Map<string, string>();
  lines.push('  subgraph cluster_estate {', `    label=${dotString(`Cluster: ${map.cluster}`)}; style="rounded"; color="#37474f";`);
  map.namespaces.forEach((namespace, index) => {
    const style = namespace.system ? 'style="rounded,filled"; fillcolor="#fff4e5"' : 'style="rounded,dashed"';
    lines.push(`    subgraph cluster_ns${index} {`, `      label=${dotString(`namespace ${namespace.name}${namespace.findings > 0 ? ` (${plural(namespace.findings, 'finding')})` : ''}`)}; ${style}; color=${dotString(namespace.highest ? LINE[namespace.highest] : '#90a4ae')};`);
    if (namespace.workloads.length === 0 && namespace.moreWorkloads === 0) lines.push(`      ns${index}_empty [label="no workloads", shape=plaintext, style=""];`);
    namespace.workloads.forEach((workload, position) => {
      const id = `w${index}_${position}`;
      ids.set(workload.key, id);
      const detail = `${workload.podSecurityLevel} · sa ${workload.serviceAccount}${workload.findings > 0 ? ` · ${plural(workload.findings, 'finding')}` : ''}`;
      const colour = workload.highest ? `fillcolor=${dotString(FILL[workload.highest])}, color=${dotString(LINE[workload.highest])}` : '';
      lines.push(`      ${id} [label=${dotLines(`${workload.kind} ${workload.name}`, detail)}${colour ? `, ${colour}` : ''}];`);
    });
    if (namespace.moreWorkloads > 0) lines.push(`      ns${index}_more [label=${dotString(`+${plural(namespace.moreWorkloads, 'more workload')}`)}, shape=plaintext, style=""];`);
    lines.push('    }');
  });
  if (map.moreNamespaces > 0) lines.push(`    more_ns [label=${dotString(`+${map.moreNamespaces} more namespaces`)}, shape=plaintext, style=""];`);
  lines.push('  }');

  lines.push('  subgraph cluster_nodes {', `    label="Nodes"; style="rounded,filled"; fillcolor="#eceff1"; color="#607d8b";`);
  map.pools.forEach((pool, index) => {
    lines.push(`    pool${index} [shape=box3d, style=filled, fillcolor=${dotString(pool.controlPlane ? '#ffcdd2' : '#ffffff')}, label=${dotLines(poolTitle(pool), plural(pool.workloads, 'workload'))}];`);
  });
  if (map.pools.length === 0) lines.push('    pool_none [label="no workloads scheduled", shape=plaintext, style=""];');
  lines.push('  }');

  if (map.entryPoints && map.entryPoints.length > 0) {
    lines.push('  internet [label="Internet", shape=doublecircle, style=filled, fillcolor="#e3f2fd", color="#1565c0"];');
    for (const entry of map.entryPoints) {
      for (const key of entry.workloads) {
        const id = ids.get(key);
        if (id) lines.push(`  internet -> ${id} [label=${dotString(entry.via)}, color="#1565c0"];`);
      }
    }
  }
  map.pools.forEach((pool, index) => {
    for (const escape of pool.escapes) {
      const id = ids.get(escape.key);
      if (id) lines.push(`  ${id} -> pool${index} [label=${dotString(`${escape.everyNode ? 'every node: ' : ''}${escape.nodeEscapes.join(', ')}`)}, color="#d32f2f", fontcolor="#d32f2f", penwidth=2];`);
    }
  });
  return lines;
}

function pathLines(paths: readonly AttackPathView[]): string[] {
  const lines: string[] = [];
  paths.forEach((path, index) => {
    lines.push(`  subgraph cluster_path${index} {`, `    label=${dotString(`Attack path ${index + 1}: ${path.title}${path.rank ? ` (${path.rank})` : ''}`)}; style="rounded"; color="#b71c1c";`);
    const hops = [path.steps[0].from, ...path.steps.map((step) => step.to)];
    hops.forEach((hop, position) => lines.push(`    p${index}_${position} [label=${dotString(hop)}, fillcolor=${position === hops.length - 1 ? '"#ffcdd2"' : '"#ffffff"'}];`));
    path.steps.forEach((step, position) => {
      lines.push(`    p${index}_${position} -> p${index}_${position + 1} [label=${step.location ? dotLines(step.technique, step.location) : dotString(step.technique)}, color="#b71c1c"];`);
    });
    lines.push('  }');
  });
  return lines;
}
