#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
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

/**
 * The one-file bundle of the CLI (scripts/bundle.mjs: it loads in a fraction of the time the 420 modules of dist/
 * take), unless dist/ was compiled again after it was made: then the modules, so that a stale bundle never runs.
 */
function cliModule() {
  const modules = new URL('../dist/cli/main.js', import.meta.url);
  const bundle = new URL('../dist/cli/bundle.js', import.meta.url);
  try {
    return statSync(bundle).mtimeMs >= statSync(modules).mtimeMs ? bundle.href : modules.href;
  } catch {
    return modules.href;
  }
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

// A reader that stops early (kubethreat scan … | head) closes the pipe: that ends the run quietly, as it does for any
// command-line tool, rather than with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await import(cliModule());
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
