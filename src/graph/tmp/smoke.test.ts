import { it } from 'vitest';
import { loadInputs } from '../../load/index.js';
import { analyze } from '../../engine/analyze.js';
import { buildEstate } from '../../model/estate.js';
import { buildAttackGraph, topPaths, resolveNodes } from '../index.js';
it('smoke', async () => {
  const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd(), readStdin: async () => '' });
  const t0 = Date.now();
  const model = analyze({ objects: loaded.objects, now: new Date(0), toolVersion: 't', locate: (s, p) => loaded.locator.locate(s, p) });
  console.log('ms', Date.now() - t0, JSON.stringify(model.attackGraph));
  const show = (paths: any[]) => { for (const path of paths) {
    console.log(path.score, path.summary);
    for (const step of path.steps) console.log('   ', step.from, '→', step.to, `[${step.technique}]`, step.location ? `${step.location.file}:${step.location.line}` : '');
  }};
  show(model.attackPaths ?? []);
  const estate = buildEstate(loaded.objects);
  const graph = buildAttackGraph({ estate, findings: model.findings, options: { defaultNamespace: 'default' } });
  console.log('---- internet');
  show(topPaths(graph, { from: resolveNodes(graph, 'internet'), max: 8 }));
  const risky = [...model.findings].sort((a, b) => (b.risk?.score ?? 0) - (a.risk?.score ?? 0)).slice(0, 12);
  for (const f of risky) console.log(f.risk?.level, f.risk?.score, f.ruleId, f.object.name, f.risk?.reasons.join(' | '));
});
