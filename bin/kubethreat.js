#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/**
 * A large estate needs V8 flags that only take effect when Node starts (src/cli/node-flags.ts): kubethreat then runs
 * itself again with them. KUBETHREAT_HEAP_SET=1 says this is that run (or that the user wants none).
 */
async function nodeFlagsToAdd() {
  if (process.env.KUBETHREAT_HEAP_SET === '1') return [];
  const { nodeFlagsFor, stdinFileBytes, usableMemoryBytes } = await import(new URL('../dist/cli/node-flags.js', import.meta.url).href);
  return nodeFlagsFor({
    args: process.argv.slice(2),
    nodeFlags: [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)],
    cwd: process.cwd(),
    totalMemoryBytes: usableMemoryBytes(totalmem(), process.constrainedMemory?.()),
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    stdinFileBytes: stdinFileBytes(),
  });
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

const flags = await nodeFlagsToAdd();
if (flags.length > 0) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
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
