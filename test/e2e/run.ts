/** Runs the built CLI (bin/kubethreat.js → dist/) as a user would: a child process with arguments and stdin. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = 'test/fixtures/e2e';
const BIN = path.join(ROOT, 'bin', 'kubethreat.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: the end-to-end tests run the built CLI, run "npm run build" (npm test does it)');
}

export function kubethreat(args: readonly string[], options: { stdin?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
    child.stdin.on('error', () => undefined); // the CLI may exit before reading all of stdin
    child.stdin.end(options.stdin ?? '');
  });
}

const runs = new Map<string, Promise<Run>>();

/**
 * The same run, shared by the tests of a file that ask for it: each run starts Node.js and loads the whole CLI
 * (about half a second of CPU), and several tests read the same report.
 */
export function kubethreatOnce(args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  const key = JSON.stringify([args, options.stdin ?? '', options.cwd ?? '']);
  let run = runs.get(key);
  if (!run) {
    run = kubethreat(args, options);
    runs.set(key, run);
  }
  return run;
}

/** `scan --format json` parsed, with the exit code (shared as kubethreatOnce). */
export async function scanJson(args: readonly string[], options: { stdin?: string; cwd?: string } = {}): Promise<{ code: number; report: JsonReport; stdout: string; stderr: string }> {
  const run = await kubethreatOnce(['scan', '--format', 'json', ...args], options);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 500)}\n${run.stderr.slice(0, 500)}`);
  }
  return { code: run.code, report, stdout: run.stdout, stderr: run.stderr };
}

export interface JsonObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface JsonFinding {
  ruleId: string;
  severity: string;
  boundary: string;
  stride: string[];
  object: JsonObjectRef;
  container?: string;
  path: string;
  location: { file: string; line: number; column: number; helmTemplate?: string };
  related: JsonObjectRef[];
  message: string;
  remediation: string;
  fingerprint: string;
}

export interface JsonReport {
  schemaVersion: string;
  tool: { name: string; version: string };
  generatedAt: string;
  scope: { files: string[]; objects: number; namespaces: string[]; defaultNamespace: string };
  summary: { total: number; highest: string | null; bySeverity: Record<string, number> };
  findings: JsonFinding[];
  problems: Array<{ severity: string; file: string; line?: number; message: string; hint?: string; skipped?: string }>;
  rules: string[];
}

export const SEVERITY_ORDER = ['info', 'low', 'medium', 'high', 'critical'];
export const atLeast = (severity: string, threshold: string): boolean => SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(threshold);
