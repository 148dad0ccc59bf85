/**
 * The technique catalogue as a whole: the registry is the folder, every module has complete metadata, and every
 * module has a fixture that creates its edge (fixtures/<module>/creates.yaml, `# edge: FROM -> TO`) and one that
 * does not (does-not.yaml): no edge of the technique at all; or none between the `# no-edge: FROM -> TO` ends; or
 * none leaving `# no-edge-from: FROM`, a position the creating fixture starts from (the cluster's default RBAC
 * policy has edges of most RBAC techniques of its own).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDGE_MODULES } from '../registry.js';
import { moduleName } from '../define-edge.js';
import { DIFFICULTIES } from '../types.js';
import { edgeList, graphOfText, hasEdge } from '../testing.js';

const EDGES_DIR = __dirname;

function expectations(text: string, marker: string): Array<[string, string]> {
  return [...text.matchAll(new RegExp(`^# ${marker}: (.+?) -> (.+)$`, 'gm'))].map((match) => [match[1].trim(), match[2].trim()]);
}

describe('technique registry', () => {
  it('lists exactly the modules of edges/, sorted, each named after its technique id', () => {
    const files = readdirSync(EDGES_DIR)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.slice(0, -'.ts'.length))
      .sort();
    expect(Object.keys(EDGE_MODULES)).toEqual(files);
    for (const [name, module] of Object.entries(EDGE_MODULES)) expect(moduleName(module.id)).toBe(name);
  });
});

describe.each(Object.entries(EDGE_MODULES))('technique %s', (name, module) => {
  it('has complete metadata', () => {
    expect(module.title.length).toBeGreaterThan(8);
    expect(module.description.length).toBeGreaterThan(60);
    expect(DIFFICULTIES).toContain(module.difficulty);
    for (const id of module.attack) expect(id).toMatch(/^T\d{4}(\.\d{3})?$/);
    for (const id of module.microsoft) expect(id).toMatch(/^MS-TA\d{4} /);
  });

  it('creates its edge on the fixture that shows the weakness', () => {
    const text = readFileSync(path.join(EDGES_DIR, 'fixtures', name, 'creates.yaml'), 'utf8');
    const wanted = expectations(text, 'edge');
    expect(wanted.length).toBeGreaterThan(0);
    const { graph } = graphOfText(text);
    for (const [from, to] of wanted) expect(hasEdge(graph, from, to, module.id), `${from} -> ${to} [${module.id}] in\n${edgeList(graph).join('\n')}`).toBe(true);
  });

  it('does not create it on the fixture without the weakness', () => {
    const file = path.join(EDGES_DIR, 'fixtures', name, 'does-not.yaml');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    const { graph } = graphOfText(text);
    const unwanted = expectations(text, 'no-edge');
    const sources = [...text.matchAll(/^# no-edge-from: (.+)$/gm)].map((match) => match[1].trim());
    const creating = readFileSync(path.join(EDGES_DIR, 'fixtures', name, 'creates.yaml'), 'utf8');
    for (const source of sources) {
      // Not vacuous: the creating fixture has an edge of the technique from the same position.
      expect(expectations(creating, 'edge').map(([from]) => from)).toContain(source);
      expect(edgeList(graph).filter((edge) => edge.startsWith(`${source} -> `) && edge.endsWith(`[${module.id}]`))).toEqual([]);
    }
    if (unwanted.length === 0 && sources.length === 0) expect(edgeList(graph).filter((edge) => edge.endsWith(`[${module.id}]`))).toEqual([]);
    for (const [from, to] of unwanted) {
      expect(graph.nodeById(from), `${from} exists`).toBeDefined();
      expect(hasEdge(graph, from, to, module.id)).toBe(false);
    }
  });
});
