import { describe, expect, it } from 'vitest';
import { diagramOfPaths, dotString, mermaidString, renderDot, renderMermaid } from './diagram.js';
import type { AttackPath } from '../../engine/threat-model.js';

const step = (from: string, to: string, technique: string) => ({ technique, title: technique, from, to, fromId: from, toId: to, difficulty: 'easy', evidence: [] });
const path = (steps: ReturnType<typeof step>[]): AttackPath => ({
  id: `${steps[0].fromId}=>${steps[steps.length - 1].toId}`,
  from: steps[0].from,
  to: steps[steps.length - 1].to,
  fromId: steps[0].fromId,
  toId: steps[steps.length - 1].toId,
  entry: 'internet',
  jewel: 'cluster-admin',
  steps,
  likelihood: 0.5,
  score: 0.5,
  summary: '',
});

describe('diagrams of attack paths', () => {
  it('escapes DOT strings so that no name ends its quotes', () => {
    expect(dotString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });

  it('escapes Mermaid labels as entity codes', () => {
    expect(mermaidString('x"] --> y[<script>|')).toBe('"x#34;#93; --#62; y#91;#60;script#62;#124;"');
  });

  it('draws the union of paths once per position and step, entry and jewel marked', () => {
    const paths = [path([step('internet', 'web', 'EXPOSE'), step('web', 'admin', 'TOKEN')]), path([step('internet', 'web', 'EXPOSE'), step('web', 'node', 'ESCAPE')])];
    const diagram = diagramOfPaths(paths);
    expect(diagram.nodes.map((node) => [node.id, node.shape])).toEqual([
      ['internet', 'entry'],
      ['web', 'position'],
      ['admin', 'jewel'],
      ['node', 'jewel'],
    ]);
    expect(diagram.edges).toHaveLength(3);
    expect(renderDot(diagram)).toContain('"internet" -> "web" [label="EXPOSE"];');
    expect(renderMermaid(diagram).split('\n').slice(0, 2)).toEqual(['flowchart LR', '  n0>"internet"]']);
  });
});
