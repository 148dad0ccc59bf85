/**
 * The graph, or the positions and steps of some paths, as DOT (Graphviz) and Mermaid. Labels are escaped for each
 * language: names come from the input and may hold quotes, brackets or markup.
 */
import type { AttackPath } from '../../engine/threat-model.js';
import type { AttackGraph } from '../graph.js';

export interface Diagram {
  nodes: Array<{ id: string; label: string; shape: 'entry' | 'jewel' | 'position' }>;
  edges: Array<{ from: string; to: string; label: string }>;
}

/** The union of the paths' positions and steps, in order of first appearance. */
export function diagramOfPaths(paths: readonly AttackPath[]): Diagram {
  const nodes = new Map<string, Diagram['nodes'][number]>();
  const edges = new Map<string, Diagram['edges'][number]>();
  for (const path of paths) {
    path.steps.forEach((step, index) => {
      if (!nodes.has(step.fromId)) nodes.set(step.fromId, { id: step.fromId, label: step.from, shape: index === 0 ? 'entry' : 'position' });
      const last = index === path.steps.length - 1;
      const existing = nodes.get(step.toId);
      if (!existing || (last && existing.shape === 'position')) nodes.set(step.toId, { id: step.toId, label: step.to, shape: last ? 'jewel' : 'position' });
      const key = `${step.fromId}\u0000${step.toId}\u0000${step.technique}`;
      if (!edges.has(key)) edges.set(key, { from: step.fromId, to: step.toId, label: step.technique });
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The whole graph, junctions included (they carry the structure of "every namespace", network flows, …). */
export function diagramOfGraph(graph: AttackGraph): Diagram {
  return {
    nodes: graph.nodes.map((node) => ({ id: node.id, label: node.label, shape: node.entry ? 'entry' : node.jewel ? 'jewel' : 'position' })),
    edges: Array.from({ length: graph.edgeCount }, (_, edge) => ({ from: graph.nodes[graph.edgeFrom[edge]].id, to: graph.nodes[graph.edgeTo[edge]].id, label: graph.techniqueOf(edge) })),
  };
}

const DOT_SHAPES = { entry: 'shape=invhouse, style=filled, fillcolor="#fde2e2"', jewel: 'shape=doubleoctagon, style=filled, fillcolor="#fff3c4"', position: 'shape=box' };

export function renderDot(diagram: Diagram): string {
  const lines = ['digraph attack_paths {', '  rankdir=LR;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const node of diagram.nodes) lines.push(`  ${dotString(node.id)} [label=${dotString(node.label)}, ${DOT_SHAPES[node.shape]}];`);
  for (const edge of diagram.edges) lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} [label=${dotString(edge.label)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

export function renderMermaid(diagram: Diagram): string {
  const ids = new Map(diagram.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ['flowchart LR'];
  for (const node of diagram.nodes) {
    const label = mermaidString(node.label);
    const id = ids.get(node.id)!;
    lines.push(node.shape === 'entry' ? `  ${id}>${label}]` : node.shape === 'jewel' ? `  ${id}{{${label}}}` : `  ${id}[${label}]`);
  }
  for (const edge of diagram.edges) lines.push(`  ${ids.get(edge.from)} -->|${mermaidString(edge.label)}| ${ids.get(edge.to)}`);
  return `${lines.join('\n')}\n`;
}

/** A Mermaid quoted label: quotes and markup as entity codes, so no name can end the label or inject HTML. */
export function mermaidString(text: string): string {
  const escaped = text.replace(/[&"<>#|[\]{}()]/g, (character) => `#${character.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
  return `"${escaped}"`;
}
