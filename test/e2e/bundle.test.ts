/** bin/kubethreat.js loads the one-file bundle of the CLI (scripts/bundle.mjs), and never a stale one. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertBuilt, kubethreat, ROOT } from './run.js';

describe('the CLI bundle', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'kubethreat-bundle-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of bin/ beside a dist/ whose two entry points say which of them ran. */
  function installWith(bundleAge: 'newer' | 'older' | 'missing'): string {
    const root = path.join(scratch, bundleAge);
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
    copyFileSync(path.join(ROOT, 'bin', 'kubethreat.js'), path.join(root, 'bin', 'kubethreat.js'));
    const entry = (which: string) => `export async function main(_args, io) { io.stdout.write('${which}\\n'); return 0; }\n`;
    const modules = path.join(root, 'dist', 'cli', 'main.js');
    writeFileSync(modules, entry('modules'));
    if (bundleAge !== 'missing') {
      const bundle = path.join(root, 'dist', 'cli', 'bundle.js');
      writeFileSync(bundle, entry('bundle'));
      const compiled = statSync(modules).mtime.getTime() / 1000;
      utimesSync(bundle, compiled + (bundleAge === 'newer' ? 60 : -60), compiled + (bundleAge === 'newer' ? 60 : -60));
    }
    return path.join(root, 'bin', 'kubethreat.js');
  }

  const run = (bin: string) => spawnSync(process.execPath, [bin], { encoding: 'utf8', env: { ...process.env, KUBETHREAT_HEAP_SET: '1' } }).stdout.trim();

  it('runs the bundle when it was made after dist/ was compiled', () => {
    expect(run(installWith('newer'))).toBe('bundle');
  });

  it('runs the compiled modules when dist/ was compiled after the bundle, or there is no bundle', () => {
    expect(run(installWith('older'))).toBe('modules');
    expect(run(installWith('missing'))).toBe('modules');
  });

  it("finds its workers' modules (the load's and the report's) from where it lies", () => {
    assertBuilt();
    const bundle = path.join(ROOT, 'dist', 'cli', 'bundle.js');
    const workers = [...readFileSync(bundle, 'utf8').matchAll(/new URL\("([^"]*worker[^"]*\.js)", import\.meta\.url\)/g)].map((match) => match[1]);
    expect(workers.sort()).toEqual(['../../dist/load/list-worker.js', '../../dist/report/json-findings-worker.js']);
    for (const worker of workers) expect(existsSync(fileURLToPath(new URL(worker, pathToFileURL(bundle))))).toBe(true);
  });

  it('is what npm run build leaves: the real CLI runs from it', async () => {
    assertBuilt();
    expect(statSync(path.join(ROOT, 'dist', 'cli', 'bundle.js')).mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(ROOT, 'dist', 'cli', 'main.js')).mtimeMs);
    const result = await kubethreat(['scan', 'examples/webshop', '--format', 'json', '--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(50);
  });
});
