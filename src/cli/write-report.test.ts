import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze.js';
import { loadInputs } from '../load/index.js';
import { FindingsList } from '../report/json-findings-threaded.js';
import { writeReport } from './write-report.js';
import { recordTimings } from '../engine/timings.js';

const NOW = new Date('2026-01-15T00:00:00Z');

/** The webshop's findings as a piece between two strings, and whether a worker wrote the piece. */
async function webshopPieces(): Promise<{ pieces: Array<string | FindingsList>; expected: string; byWorker: () => boolean }> {
  const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
  const model = analyze({ objects: loaded.objects, options: {}, now: NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
  const piece = new FindingsList(model.findings, '  ', '', { blockSize: 5 });
  let written = false;
  const writeTo = piece.writeTo.bind(piece);
  piece.writeTo = async (fd) => {
    await writeTo(fd);
    written = true;
  };
  return { pieces: ['{"findings": ', piece, ', "after": true}\n'], expected: `{"findings": ${[...piece.chunks()].join('')}, "after": true}\n`, byWorker: () => written };
}

describe('writing a report', () => {
  it('lets a worker write a piece to the file, between the pieces written here, replacing the file', async () => {
    const { pieces, expected, byWorker } = await webshopPieces();
    expect(JSON.parse(expected).findings.length).toBeGreaterThan(100);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-write-')), 'report.json');
    await writeReport(['an older, longer report '.repeat(10_000)], file);
    await writeReport(pieces, file);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(byWorker()).toBe(true);
  });

  it('says, with KUBETHREAT_TIMINGS, whether the findings were written on two threads or one', async () => {
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, options: {}, now: NOW, toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    const phases: string[] = [];
    recordTimings((phase) => phases.push(phase));
    try {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-write-')), 'report.json');
      await writeReport([new FindingsList(model.findings, '  ', '')], file);
      await writeReport([new FindingsList(model.findings, '  ', '', { workerModule: new URL('./no-such-worker.js', import.meta.url) })], file);
    } finally {
      recordTimings(undefined);
    }
    expect(phases).toEqual(['render: findings on two threads', expect.stringMatching(/^render: findings on one thread \(cannot start the report's worker: .*no-such-worker/)]);
  });

  it('writes the piece here to an output without a file descriptor', async () => {
    const { pieces, expected, byWorker } = await webshopPieces();
    let text = '';
    await writeReport(pieces, { write: (piece: string) => (text += piece) });
    expect(text).toBe(expected);
    expect(byWorker()).toBe(false);
  });

  it('lets the worker write to standard output when it is a pipe', async () => {
    const file = childScript(`
      const piece = new FindingsList(model.findings, '  ', '', { blockSize: 5 });
      const writeTo = piece.writeTo.bind(piece);
      piece.writeTo = async (fd) => { try { await writeTo(fd); } catch (e) { process.stderr.write('ERR ' + e.message); throw e; } process.stderr.write('written by the worker'); };
      process.stdout.write('{"findings": ');
      await writeReport([piece, ', "after": true}\\n'], process.stdout);`);
    const child = spawnSync(process.execPath, [file], { cwd: process.cwd(), encoding: 'utf8', maxBuffer: 1 << 28 });
    expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: 'written by the worker' });
    expect(child.stdout).toBe((await webshopPieces()).expected);
  });

  it('tells standard output when its reader closed it while the worker wrote, as a write of its own would (… | head)', async () => {
    // bin/kubethreat.js ends the run quietly on EPIPE; this script says so and exits with 7.
    const file = childScript(`
      process.stdout.on('error', (error) => {
        if (error.code !== 'EPIPE') throw error;
        process.stderr.write('the reader closed the pipe');
        process.exit(7);
      });
      process.stdout.write('{"findings": ');
      // 300 KB of findings: more than a pipe holds, so the worker writes after the reader is gone.
      await writeReport([new FindingsList(model.findings, '  ', '', { blockSize: 5 }), '}\\n'], process.stdout);
      process.stderr.write('written to the end');`);
    const child = spawn(process.execPath, [file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect({ status, stderr }).toEqual({ status: 7, stderr: 'the reader closed the pipe' });
  });
});

/**
 * A script for a child process, with the webshop's threat model in `model`, FindingsList and writeReport at hand; a
 * file rather than --eval, since the worker would inherit --input-type, which only --eval takes.
 */
function childScript(body: string): string {
  const dist = (module: string) => JSON.stringify(new URL(`../../dist/${module}`, import.meta.url).href);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kubethreat-write-')), 'child.mjs');
  writeFileSync(
    file,
    `const { loadInputs } = await import(${dist('load/index.js')});
    const { analyze } = await import(${dist('engine/analyze.js')});
    const { FindingsList } = await import(${dist('report/json-findings-threaded.js')});
    const { writeReport } = await import(${dist('cli/write-report.js')});
    const loaded = await loadInputs(['examples/webshop'], { cwd: process.cwd() });
    const model = analyze({ objects: loaded.objects, options: {}, now: new Date(${JSON.stringify(NOW.toISOString())}), toolVersion: 'test', locate: (source, field) => loaded.locator.locate(source, field) });
    ${body}`,
  );
  return file;
}
