/** The report written to a pipe: read at the reader's pace, and a reader that stops early ends the run quietly. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from './run.js';

function scanIntoPipe(readBytes: number | undefined): Promise<{ code: number | null; stderr: string; read: number }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kubethreat.js'), 'scan', 'examples/webshop', '--format', 'json', '--fail-on', 'none'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let read = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (readBytes !== undefined && read >= readBytes) child.stdout.destroy(); // as `| head -c` does
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('the report on a pipe', () => {
  it('ends quietly, without a stack trace, when the reader stops reading (kubethreat scan … | head)', async () => {
    const result = await scanIntoPipe(100);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('is written whole to a reader that reads it all', async () => {
    const whole = await scanIntoPipe(undefined);
    expect(whole.code).toBe(0);
    expect(whole.read).toBeGreaterThan(100_000);
  });
});
