/** Kustomize folders are rendered with `kubectl kustomize`, the renderer users already trust. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
          message: 'this is a Kustomize folder, and kubectl is not on the PATH to render it',
          hint: 'install kubectl, or render it yourself: kubectl kustomize DIR | kubethreat scan -',
        });
      }
      resolve({
        ok: false,
        message: `kubectl kustomize failed: ${(stderr || error.message).trim().split('\n')[0]}`,
        hint: `run "kubectl kustomize ${dir}" to see the whole error`,
      });
    });
  });
}

/** The folders a kustomization pulls in (resources, bases, components): rendered through it, never on their own. */
export async function referencedFolders(dir: string, kustomizationFile: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(path.join(dir, kustomizationFile), 'utf8'));
  } catch {
    return [];
  }
  if (!isRecord(parsed)) return [];
  const entries: unknown[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    const value = parsed[field];
    if (Array.isArray(value)) entries.push(...value);
  }
  return entries
    .filter((entry): entry is string => typeof entry === 'string' && !/^[a-z]+:\/\//i.test(entry))
    .map((entry) => path.resolve(dir, entry));
}
