import { it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { planFixes } from './plan.js';
import { unifiedDiff } from './unified-diff.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => { const full = path.join(dir, name); return statSync(full).isDirectory() ? files(full) : full.endsWith('.yaml') ? [full] : []; });
}
it('scratch', () => {
  const sources = files('examples/webshop').sort().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const t0 = Date.now();
  const plan = planFixes({ sources, fixedObjects: [], options: {}, rules: [], level: 'restricted', measures: true, now: new Date(0), toolVersion: 'test' });
  console.log('ms', Date.now() - t0);
  for (const f of plan.files) process.stdout.write(unifiedDiff(f.file, f.file, f.before, f.after));
  process.stdout.write(plan.measuresText);
  const counts: Record<string, number> = {};
  for (const o of plan.outcomes) counts[`${o.status}/${o.by ?? ''}/${o.finding.ruleId}`] = (counts[`${o.status}/${o.by ?? ''}/${o.finding.ruleId}`] ?? 0) + 1;
  console.log(counts);
  for (const o of plan.outcomes.filter((o) => o.status === 'not-fixed')) console.log('NOT FIXED', o.finding.ruleId, o.finding.message, o.reason);
  for (const f of plan.introduced) console.log('INTRODUCED', f.ruleId, f.message);
  console.log(plan.notes);
});
