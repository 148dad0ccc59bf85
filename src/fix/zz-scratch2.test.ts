import { it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../engine/analyze.js';
import { parseManifestText } from '../load/parse-text.js';
import { fixableRuleIds } from './selection.js';
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => { const full = path.join(dir, name); return statSync(full).isDirectory() ? files(full) : full.endsWith('.yaml') ? [full] : []; });
}
it('x', () => {
  const objects = files('examples/webshop').flatMap((f) => parseManifestText(readFileSync(f, 'utf8'), f).objects);
  for (let i = 0; i < 3; i++) {
    let t = Date.now(); analyze({ objects, now: new Date(0), toolVersion: 't' }); console.log('full', Date.now() - t);
    t = Date.now(); analyze({ objects, options: { onlyRules: fixableRuleIds({ rules: [], level: 'restricted' }) }, now: new Date(0), toolVersion: 't' }); console.log('fixable', Date.now() - t);
  }
});
