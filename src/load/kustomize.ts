/** Kustomize folders are rendered with `kubectl kustomize`, the renderer users already trust. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../model/json.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export type KustomizeResult = { ok: true; text: string } | { ok: false; message: string; hint: string };

export function renderKustomization(dir: string, kubectl = 'kubectl'): Promise<KustomizeResult> {
  return new Promise((resolve) => {
    execFile(kubectl, ['kustomize', dir], { maxBuffer: 1024 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, text: stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return resolve({
          ok: false,
          message: `this is a Kustomize folder, and kubectl${kubectl === 'kubectl' ? ' is not on the PATH' : ` (${kubectl}) is not there`} to render it`,
          hint: 'install kubectl, or render it yourself: kubectl kustomize DIR | kubethreat scan -',
        });
      }
      resolve({
        ok: false,
        message: `kubectl kustomize failed: ${kubectlError(stderr || error.message)}`,
        hint: `fix the kustomization; "kubectl kustomize ${dir}" shows the whole error`,
      });
    });
  });
}

/**
 * The error out of kubectl's stderr: either `error: …`, or a klog line such as
 * `E1128 06:26:19.845798 29045 run.go:72] "command failed" err="accumulating resources: …"`.
 */
export function kubectlError(stderr: string): string {
  const line = stderr.trim().split('\n').find((entry) => entry.trim() !== '') ?? 'no message';
  const klog = /\berr="((?:[^"\\]|\\.)*)"/.exec(line);
  const message = klog ? klog[1].replace(/\\(.)/g, '$1') : line.replace(/^error:\s*/i, '');
  return message.length > 400 ? `${message.slice(0, 400)}…` : message;
}

/** The kustomization file of a folder, if it has one. */
export function kustomizationFileIn(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.find((file) => existsSync(path.join(dir, file)));
}

export interface KustomizationInfo {
  /** The folders it pulls in (resources, bases, components): rendered through it, never on their own. */
  references: string[];
  /** A Component only makes sense inside another kustomization; kubectl cannot render it alone. */
  component: boolean;
}

export async function readKustomization(dir: string, kustomizationFile: string): Promise<KustomizationInfo> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(path.join(dir, kustomizationFile), 'utf8'));
  } catch {
    return { references: [], component: false }; // kubectl says what is wrong with it when it renders the folder
  }
  if (!isRecord(parsed)) return { references: [], component: false };
  const entries: unknown[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    const value = parsed[field];
    if (Array.isArray(value)) entries.push(...value);
  }
  const references = entries
    .filter((entry): entry is string => typeof entry === 'string' && !/^[a-z]+:\/\//i.test(entry))
    .map((entry) => path.resolve(dir, entry));
  return { references, component: parsed.kind === 'Component' };
}

/** The folders a kustomization pulls in, directly or through the kustomizations it pulls in. */
export async function referencedFolders(dir: string, kustomizationFile: string): Promise<string[]> {
  const found = new Set<string>();
  const queue: Array<{ dir: string; file: string }> = [{ dir, file: kustomizationFile }];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const folder of (await readKustomization(next.dir, next.file)).references) {
      if (found.has(folder) || folder === dir) continue;
      found.add(folder);
      const file = kustomizationFileIn(folder);
      if (file) queue.push({ dir: folder, file });
    }
  }
  return [...found];
}
