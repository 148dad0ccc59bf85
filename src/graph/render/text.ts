/** Attack paths as a readable chain: every step with its technique, difficulty, evidence and file:line. */
import type { AttackEvidence, AttackGraphSummary, AttackPath } from '../../engine/threat-model.js';
import { formatLocation } from './location.js';
import type { BlastRadius } from '../blast-radius.js';

export interface PathsText {
  title: string;
  paths: readonly AttackPath[];
  summary: AttackGraphSummary;
  blastRadius?: BlastRadius;
}

export function renderPathsText(input: PathsText): string {
  const lines: string[] = [input.title, ''];
  if (input.blastRadius) lines.push(...blastRadiusLines(input.blastRadius), '');
  if (input.paths.length === 0) lines.push('No attack path found.');
  input.paths.forEach((path, index) => {
    lines.push(`${index + 1}. ${path.from} → ${path.to}   likelihood ${percent(path.likelihood)} · ${path.steps.length} step${path.steps.length === 1 ? '' : 's'} · score ${path.score.toFixed(3)}`);
    path.steps.forEach((step, stepIndex) => {
      lines.push(`   ${stepIndex + 1}) ${step.title} [${step.technique}, ${step.difficulty}]`);
      lines.push(`      ${step.from} → ${step.to}`);
      for (const evidence of step.evidence) lines.push(`      · ${evidenceText(evidence)}`);
    });
    lines.push('');
  });
  const { nodes, edges, entryPoints, crownJewels, notes } = input.summary;
  lines.push(`Attack graph: ${nodes} positions, ${edges} edges, ${entryPoints} entry points, ${crownJewels} crown jewels.`);
  for (const note of notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function evidenceText(evidence: AttackEvidence): string {
  const object = `${evidence.object.kind} ${evidence.object.namespace ? `${evidence.object.namespace}/` : ''}${evidence.object.name}`;
  const parts = [object + (evidence.path ? ` ${evidence.path}` : '')];
  if (evidence.detail) parts.push(evidence.detail);
  const where = evidence.location ? formatLocation(evidence.location) : undefined;
  return `${parts.join(': ')}${where ? `  (${where})` : ''}`;
}

function blastRadiusLines(radius: BlastRadius): string[] {
  const kinds = Object.entries(radius.byKind)
    .filter(([kind]) => kind !== 'network')
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  const lines = [`Blast radius of ${radius.from.label}: ${radius.reachable} positions (${kinds || 'none'}).`];
  for (const jewel of radius.jewels.slice(0, 10)) lines.push(`  ${jewel.node.label}: ${jewel.steps} step${jewel.steps === 1 ? '' : 's'}, likelihood ${percent(jewel.likelihood)}`);
  if (radius.jewels.length > 10) lines.push(`  … and ${radius.jewels.length - 10} more crown jewels`);
  return lines;
}

function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
