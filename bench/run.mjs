#!/usr/bin/env node
/**
 * The scale benchmark (not part of the test run):
 *
 *   npm run build && node bench/run.mjs [--format F…] [--no-mesh] [PODS…]   (default: json; 1000 10000 50000 150000)
 *
 * For each size it generates the dump once (bench/out/, deterministic), then measures, each in a fresh process:
 * the parse floor (stream-parsing the dump without analysis) and the full threat model to a report in each format
 * asked for (`--format all`: every format but svg, which is the dot drawing laid out), written to /dev/null.
 * It prints wall time, CPU time, peak RSS and the ratio of the full run to the floor.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL_FORMATS = ['json', 'sarif', 'junit', 'html', 'markdown', 'terminal', 'dot'];
const formats = [];
const sizes = [];
let noMesh = false;
for (let index = 2; index < process.argv.length; index++) {
  const arg = process.argv[index];
  if (arg === '--format') formats.push(...(process.argv[++index] === 'all' ? ALL_FORMATS : [process.argv[index]]));
  else if (arg === '--no-mesh') noMesh = true;
  else if (/^\d+$/.test(arg)) sizes.push(Number(arg));
  else {
    process.stderr.write(`bench/run.mjs: unknown argument "${arg}": give sizes in pods, --format FORMAT (or all), and --no-mesh\n`);
    process.exit(2);
  }
}
if (formats.length === 0) formats.push('json');
if (sizes.length === 0) sizes.push(1000, 10000, 50000, 150000);
mkdirSync(path.join(root, 'bench/out'), { recursive: true });

function measure(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = result.stderr.trim().split('\n');
  const [wall, user, system, rssKb] = lines[lines.length - 1].split(' ').map(Number);
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { wall, cpu: user + system, rssMb: rssKb / 1024 };
}

const rows = [];
for (const pods of sizes) {
  const dump = path.join(root, `bench/out/cluster-${pods}${noMesh ? '-nomesh' : ''}.json`);
  if (!existsSync(dump)) spawnSync(process.execPath, ['bench/generate.mjs', ...(noMesh ? ['--no-mesh'] : []), String(pods), dump], { cwd: root, stdio: 'inherit' });
  const floor = measure(['bench/floor.mjs', dump]);
  const mb = statSync(dump).size / 1024 / 1024;
  for (const format of formats) {
    const full = measure(['bin/kubethreat.js', 'scan', dump, '--format', format, '--output', '/dev/null', '--fail-on', 'none']);
    rows.push({ pods, format, mb, floor, full });
    const shown = formats.length > 1 || format !== 'json' ? `  ${format.padEnd(8)}` : '';
    process.stdout.write(
      `${String(pods).padStart(7)} pods  ${mb.toFixed(0).padStart(5)} MB  floor ${floor.wall.toFixed(2)} s${shown}  full ${full.wall.toFixed(2)} s wall, ${full.cpu.toFixed(2)} s CPU, ${full.rssMb.toFixed(0)} MB peak RSS  ratio ${(full.wall / floor.wall).toFixed(2)}×\n`,
    );
  }
}
