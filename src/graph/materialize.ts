/**
 * Turns paths found in the graph into the threat model's plain data (engine/threat-model.ts AttackPath): readable
 * positions, technique titles, and evidence with file:line, located only for the paths that are shown.
 */
import type { AttackEvidence, AttackPath, AttackPathStep } from '../engine/threat-model.js';
import type { Locate } from '../engine/run-rules.js';
import { formatPath } from '../model/object.js';
import type { AttackGraph } from './graph.js';
import { CONTAINS } from './context.js';
import { compactSteps, type FoundPath } from './paths.js';
import { EDGE_MODULES } from './registry.js';
import type { Evidence, TechniqueMeta } from './types.js';
import { DIFFICULTIES } from './types.js';

const MAX_STEP_EVIDENCE = 4;

export const TECHNIQUES: ReadonlyMap<string, TechniqueMeta> = new Map<string, TechniqueMeta>([
  ...Object.values(EDGE_MODULES).map((module) => [module.id, module] as [string, TechniqueMeta]),
  [CONTAINS.id, CONTAINS],
]);

export function techniqueTitle(id: string): string {
  return TECHNIQUES.get(id)?.title ?? id;
}

export function materializePath(graph: AttackGraph, path: FoundPath, locate: Locate): AttackPath {
  const steps = compactSteps(graph, path.edges).map((step): AttackPathStep => {
    const from = graph.nodes[step.from];
    const to = graph.nodes[step.to];
    const evidence = dedupe(step.edges.flatMap((edge) => graph.evidenceOf(edge)).map((item) => evidenceView(item, locate))).slice(0, MAX_STEP_EVIDENCE);
    const difficulty = DIFFICULTIES[Math.max(0, ...step.edges.map((edge) => graph.edgeDifficulty[edge]))];
    const out: AttackPathStep = { technique: step.technique, title: techniqueTitle(step.technique), from: from.label, to: to.label, fromId: from.id, toId: to.id, difficulty, evidence };
    const located = evidence.find((item) => item.location !== undefined);
    if (located?.location) out.location = located.location;
    return out;
  });
  const entry = graph.nodes[path.entry];
  const target = graph.nodes[path.target];
  const titles = steps.map((step) => step.title.charAt(0).toLowerCase() + step.title.slice(1));
  return {
    id: `${entry.id}=>${target.id}`,
    from: entry.label,
    to: target.label,
    fromId: entry.id,
    toId: target.id,
    entry: entry.entry ?? entry.kind,
    jewel: target.jewel?.category ?? target.kind,
    steps,
    likelihood: round(path.likelihood),
    score: round(path.score),
    summary: `${entry.label} → ${target.label} in ${steps.length} step${steps.length === 1 ? '' : 's'}: ${titles.join(', ')}`,
  };
}

export function evidenceView(evidence: Evidence, locate: Locate): AttackEvidence {
  const view: AttackEvidence = { object: evidence.object };
  if (evidence.fieldPath && evidence.fieldPath.length > 0) view.path = formatPath(evidence.fieldPath);
  if (evidence.location) view.location = evidence.location;
  else if (evidence.source) view.location = locate(evidence.source, evidence.fieldPath ?? []);
  if (evidence.detail) view.detail = evidence.detail;
  return view;
}

function dedupe(items: AttackEvidence[]): AttackEvidence[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify([item.object, item.path, item.detail]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
