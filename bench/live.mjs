#!/usr/bin/env node
/**
 * The live benchmark (not part of the test run): the full threat model of a cluster read through its API, as
 * `kubethreat scan --cluster` reads one, rather than from a dump.
 *
 *   npm run build && node bench/live.mjs [PODS…]      (default: 1000 10000)
 *
 * For each size, a child process serves the benchmark's dump (bench/out/, made by bench/run.mjs or generate.mjs)
 * through the test suite's API server (test/live/api-server.ts: HTTPS, a bearer token, pagination, metadata-only
 * Secrets), and the CLI reads it with a kubeconfig for it, in a fresh process. It prints the CLI's wall time, CPU time
 * and peak RSS. The server runs on the same two cores, serializing each page: the wall time includes its work, as it
 * would include a real API server's latency.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else await run(process.argv.slice(2));

async function run(given) {
  const noMesh = given.includes('--no-mesh');
  const args = given.filter((arg) => arg !== '--no-mesh');
  const sizes = args.map(Number);
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    if (args.length > 0) {
      process.stderr.write('bench/live.mjs: give sizes in pods, e.g. node bench/live.mjs 1000 10000 (and --no-mesh for clusters without sidecars)\n');
      process.exit(2);
    }
    sizes.splice(0, sizes.length, 1000, 10000);
  }
  mkdirSync(path.join(root, 'bench/out'), { recursive: true });
  for (const pods of sizes) {
    const dump = path.join(root, `bench/out/cluster-${pods}${noMesh ? '-nomesh' : ''}.json`);
    if (!existsSync(dump)) spawnSync(process.execPath, ['bench/generate.mjs', ...(noMesh ? ['--no-mesh'] : []), String(pods), dump], { cwd: root, stdio: 'inherit' });
    // The server holds every object of the dump, as an API server's cache does: a heap of its own.
    const server = spawn(process.execPath, ['--max-old-space-size=16000', fileURLToPath(import.meta.url), '--serve', dump], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const ready = await new Promise((resolve, reject) => {
      readline.createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line)));
      server.once('exit', (code) => reject(new Error(`the benchmark's API server ended (${code})`)));
    });
    const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, 'bin/kubethreat.js', 'scan', '--kubeconfig', ready.kubeconfig, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    server.stdin.end();
    await new Promise((resolve) => server.once('exit', resolve));
    const lines = result.stderr.trim().split('\n');
    const [wall, user, system, rssKb] = lines[lines.length - 1].split(' ').map(Number);
    if (result.status !== 0 && result.status !== 1) throw new Error(`the scan failed (${result.status}):\n${result.stderr}`);
    process.stdout.write(
      `${String(pods).padStart(7)} pods  ${String(ready.objects).padStart(7)} objects served  full ${wall.toFixed(2)} s wall, ${(user + system).toFixed(2)} s CPU, ${(rssKb / 1024).toFixed(0)} MB peak RSS\n`,
    );
  }
}

/** The child: loads the dump, serves it, prints `{"kubeconfig":…,"objects":…}` when ready, ends when stdin closes. */
async function serve(dump) {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(path.join(tmpdir(), 'kubethreat-live-bench-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `export { TestApiServer } from ${JSON.stringify(path.join(root, 'test/live/api-server.ts'))};\nexport { makeTls } from ${JSON.stringify(path.join(root, 'test/live/tls.ts'))};\n`);
  const bundle = path.join(dir, 'server.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
  const { TestApiServer, makeTls } = await import(bundle);
  const { streamListBatches } = await import(path.join(root, 'dist/load/json-list-stream.js'));
  const objects = [];
  for await (const batch of streamListBatches(createReadStream(dump, { highWaterMark: 1 << 20 }))) for (const item of batch) if (item.value) objects.push(item.value);
  const tls = makeTls();
  const token = `bench-${process.pid}`;
  const server = await TestApiServer.start({ tls, token, objects });
  const count = objects.length;
  objects.length = 0;
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: bench\n  cluster:\n    server: ${server.url}\n    certificate-authority: ${tls.caFile}`,
      'users:',
      `- name: bench\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: bench\n  context:\n    cluster: bench\n    user: bench',
      'current-context: bench',
      '',
    ].join('\n'),
  );
  process.stdout.write(`${JSON.stringify({ kubeconfig, objects: count })}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await server.close();
}
