#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/**
 * Node.js caps its heap at about 4 GB whatever the machine has, and a 150,000-pod cluster dump needs more: rather
 * than die with V8's out-of-memory trace, kubethreat runs itself again with a heap of three quarters of the
 * machine's memory, unless the user chose a size (--max-old-space-size in NODE_OPTIONS or on node's command line).
 */
function heapLimitToRequest() {
  if (process.env.KUBETHREAT_HEAP_SET === '1') return undefined;
  const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((flag) => flag.startsWith('--max-old-space-size'));
  if (chosen) return undefined;
  const wantedMb = Math.floor((totalmem() * 0.75) / 2 ** 20);
  const currentMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  return wantedMb > currentMb * 1.25 ? wantedMb : undefined;
}

const heapMb = heapLimitToRequest();
if (heapMb !== undefined) {
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, KUBETHREAT_HEAP_SET: '1' },
  });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
