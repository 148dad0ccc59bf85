/** Runs `kubethreat` in-process, as the built CLI would run it, and captures what it writes. */
import { Readable } from 'node:stream';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

export const REPO = path.resolve(__dirname, '../..');
export const FIXED_NOW = () => new Date('2026-01-01T00:00:00Z');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      stdin: Readable.from([]),
      env: {},
      cwd: REPO,
    },
    FIXED_NOW,
  );
  return { code, stdout, stderr };
}
