import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadInputs } from './index.js';

it('loads a List of 200,000 objects (more than a spread of arguments can carry)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-large-'));
  const items = Array.from({ length: 200_000 }, (_, index) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c${index}","namespace":"n"}}`);
  writeFileSync(path.join(dir, 'dump.json'), `{"apiVersion":"v1","kind":"List","items":[\n${items.join(',\n')}\n]}`);
  const result = await loadInputs(['dump.json'], { cwd: dir });
  expect(result.objects).toHaveLength(200_000);
  const last = result.objects[199_999].source;
  expect(last.line).toBe(200_001);
  expect(last.pathInDocument).toEqual(['items', 199_999]);
  const text = readFileSync(path.join(dir, 'dump.json'), 'utf8');
  expect(text.slice(...last.byteSpan!)).toBe(items[199_999]);
  expect(result.problems).toEqual([]);
});
