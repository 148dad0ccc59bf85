/**
 * The loading edge: paths, folders, standard input and Kustomize folders → raw objects with source positions.
 * Everything a user could give produces objects or problems, never an exception.
 */
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isManifestFileName, isSkippedFolderName } from './manifest-files.js';
import type { K8sObject } from '../model/object.js';
import type { InputProblem } from './problems.js';
import { errorMessage, parseManifestText, textToKeep } from './parse-text.js';
import { KUSTOMIZATION_FILES, readKustomization, referencedFolders, renderKustomization } from './kustomize.js';
import { decodeText, formatBytes } from './decode.js';
import { SourceLocator } from './locate.js';
import { loadJsonList, looksLikeJson } from './json-file.js';
import { completePartialPods } from './partial-pods.js';
import { LoadLedger } from './load-ledger.js';
import { StringPool } from './string-pool.js';

export interface LoadOptions {
  cwd: string;
  /** Read when a path is `-`. */
  readStdin?: () => Promise<string>;
  kubectl?: string;
  cluster?: string;
  /** Files larger than this are refused with a message rather than exhausting memory. */
  maxFileBytes?: number;
  /** JSON Lists up to this size are kept in memory for field-level locations (default 64 MiB); larger ones are streamed. */
  keepJsonBytes?: number;
  /** Streamed JSON Lists from this size up are read on two threads (default 256 MiB, see THREADED_JSON_BYTES). */
  threadedJsonBytes?: number;
}

export interface LoadResult {
  objects: K8sObject[];
  problems: InputProblem[];
  /** The files (and pseudo-files such as <stdin>) that were read, in the order read. */
  files: string[];
  locator: SourceLocator;
  /**
   * The Kubernetes version of each named cluster, as its API server reported it (GET /version): read live, or from a
   * snapshot of a live read. Files of manifests say nothing of the cluster's version.
   */
  kubernetesVersions?: Map<string, string>;
}

const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

type Input = { type: 'file'; path: string } | { type: 'kustomize'; dir: string; file: string } | { type: 'stdin' };

export async function loadInputs(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const problems: InputProblem[] = [];
  const inputs = await collectInputs(paths, options.cwd, problems);
  const texts = new Map<string, string>();
  const jsonBuffers = new Map<string, Buffer>();
  const objects: K8sObject[] = [];
  const files: string[] = [];
  const streamedFiles = new Map<string, string>();
  // One pool for the whole load (objects of different files share namespaces and kinds); dropped when it ends.
  const strings = new StringPool();
  const ledger = new LoadLedger();
  for (const input of inputs) {
    if (input.type === 'file') {
      const streamed = await readJsonInput(input.path, options, jsonBuffers, strings);
      if (streamed) {
        streamedFiles.set(streamed.name, input.path);
        files.push(streamed.name);
        append(objects, streamed.objects);
        append(problems, streamed.problems);
        ledger.absorb(streamed.ledger);
        continue;
      }
    }
    const read = await readInput(input, options, problems);
    if (!read) continue;
    files.push(read.name);
    const parsed = parseManifestText(read.text, read.name, { cluster: options.cluster, strings });
    // Kept to locate fields later; the Secret values in it are blanked first, so nothing downstream holds them.
    texts.set(read.name, textToKeep(parsed));
    for (const object of parsed.objects) ledger.note(object);
    append(objects, parsed.objects);
    append(problems, parsed.problems);
  }
  const reread = (object: K8sObject) => rereadJsonItem(object, jsonBuffers, streamedFiles);
  await completePartialPods(objects, ledger.partials, ledger.podOwnerUids, reread, problems);
  ledger.settleAdmitted();
  await ledger.templates.finish(objects, reread, problems);
  return { objects, problems, files, locator: new SourceLocator(texts, jsonBuffers) };
}

/** One item of a JSON List again, from the bytes kept in memory or from the file. */
async function rereadJsonItem(object: K8sObject, jsonBuffers: ReadonlyMap<string, Buffer>, streamedFiles: ReadonlyMap<string, string>): Promise<unknown> {
  const span = object.source.byteSpan;
  if (span === undefined) return undefined;
  const [start, end] = span;
  try {
    let bytes = jsonBuffers.get(object.source.file)?.subarray(start, end);
    const file = streamedFiles.get(object.source.file);
    if (bytes === undefined && file !== undefined) {
      const handle = await open(file, 'r');
      try {
        bytes = Buffer.alloc(end - start);
        await handle.read(bytes, 0, bytes.length, start);
      } finally {
        await handle.close();
      }
    }
    return bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** JSON Lists up to this size stay in memory for field-level locations; larger ones give object-level lines. */
const KEEP_JSON_BYTES = 64 * 1024 * 1024;

/**
 * Streamed JSON Lists from this size up are read on two threads (threaded-list-stream.ts). Starting the worker costs
 * about what it saves on a 100 MB dump (a 10,000-pod cluster: 0.6 s either way); on a 560 MB one it saves 0.3 s, on
 * 1.7 GB 1.4 s.
 */
const THREADED_JSON_BYTES = 256 * 1024 * 1024;

/** A JSON List file, streamed (see json-file.ts); undefined when the file is not one and goes the text path. */
async function readJsonInput(
  file: string,
  options: LoadOptions,
  jsonBuffers: Map<string, Buffer>,
  strings: StringPool,
): Promise<{ name: string; objects: K8sObject[]; problems: InputProblem[]; ledger: LoadLedger } | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (!looksLikeJson(head.subarray(0, bytesRead))) return undefined;
    const size = (await handle.stat()).size;
    await handle.close();
    handle = undefined;
    const name = displayPath(file, options.cwd);
    const buffer = size <= (options.keepJsonBytes ?? KEEP_JSON_BYTES) ? await readFile(file) : undefined;
    const ledger = new LoadLedger();
    const threaded = size >= (options.threadedJsonBytes ?? THREADED_JSON_BYTES);
    const loaded = await loadJsonList(buffer ?? file, name, options.cluster, strings, ledger, { threaded });
    if (!loaded.handled) return undefined;
    if (buffer) jsonBuffers.set(name, buffer);
    return { name, objects: loaded.objects, problems: loaded.problems, ledger };
  } catch {
    return undefined; // the text path reports what is wrong with the file
  } finally {
    await handle?.close();
  }
}

async function readInput(input: Input, options: LoadOptions, problems: InputProblem[]): Promise<{ name: string; text: string } | undefined> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (input.type === 'stdin') {
    if (!options.readStdin) return undefined;
    const text = await options.readStdin();
    if (text.length > limit) {
      problems.push({ severity: 'error', file: '<stdin>', message: `standard input holds ${formatBytes(text.length)}, over the ${formatBytes(limit)} limit`, skipped: 'standard input', hint: 'save it to a file and split it' });
      return undefined;
    }
    return { name: '<stdin>', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  if (input.type === 'kustomize') {
    const display = displayPath(input.dir, options.cwd);
    const rendered = await renderKustomization(input.dir, options.kubectl);
    if (!rendered.ok) {
      problems.push({ severity: 'error', file: path.join(display, input.file), message: rendered.message, hint: rendered.hint, skipped: 'the whole folder' });
      return undefined;
    }
    return { name: `${display} (kustomize output)`, text: rendered.text };
  }
  const display = displayPath(input.path, options.cwd);
  try {
    const info = await stat(input.path);
    if (info.size > limit) {
      problems.push({
        severity: 'error',
        file: display,
        message: `the file is ${formatBytes(info.size)}, over the ${formatBytes(limit)} limit for a YAML file`,
        skipped: 'the whole file',
        hint: 'split it, or give it as a kubectl JSON List dump (those are streamed whatever their size)',
      });
      return undefined;
    }
    return { name: display, text: decodeText(await readFile(input.path)) };
  } catch (error) {
    problems.push({ severity: 'error', file: display, message: `cannot be read: ${describeFsError(error)}`, skipped: 'the whole file', hint: 'check its permissions' });
    return undefined;
  }
}

async function collectInputs(paths: readonly string[], cwd: string, problems: InputProblem[]): Promise<Input[]> {
  const inputs: Input[] = [];
  const kustomizations: Array<{ dir: string; file: string }> = [];
  const visited = new Set<string>();
  for (const given of paths) {
    if (given === '-') {
      inputs.push({ type: 'stdin' });
      continue;
    }
    const absolute = path.resolve(cwd, given);
    try {
      const info = await stat(absolute);
      const before = inputs.length + kustomizations.length;
      if (info.isDirectory()) {
        await walk(absolute, inputs, kustomizations, visited, problems, cwd);
        if (inputs.length + kustomizations.length === before) {
          problems.push({ severity: 'warning', file: given, message: 'this folder holds no .yaml, .yml or .json file', hint: 'check the path' });
        }
      } else if (KUSTOMIZATION_FILES.includes(path.basename(absolute))) {
        kustomizations.push({ dir: path.dirname(absolute), file: path.basename(absolute) }); // the user means the folder it builds
      } else if (!visited.has(await realpath(absolute))) {
        visited.add(await realpath(absolute));
        inputs.push({ type: 'file', path: absolute });
      }
    } catch (error) {
      problems.push({ severity: 'error', file: given, message: `cannot be read: ${describeFsError(error)}`, skipped: 'this path', hint: 'check the path and its permissions' });
    }
  }
  // A folder that another kustomization pulls in is rendered through that one, not on its own.
  const referenced = new Set<string>();
  for (const kustomization of kustomizations) {
    for (const folder of await referencedFolders(kustomization.dir, kustomization.file)) referenced.add(folder);
  }
  const rendered = new Set<string>();
  for (const kustomization of kustomizations) {
    if (referenced.has(kustomization.dir) || rendered.has(kustomization.dir)) continue;
    if ((await readKustomization(kustomization.dir, kustomization.file)).component) continue; // rendered only inside others
    rendered.add(kustomization.dir);
    inputs.push({ type: 'kustomize', ...kustomization });
  }
  return inputs;
}

async function walk(
  dir: string,
  inputs: Input[],
  kustomizations: Array<{ dir: string; file: string }>,
  visited: Set<string>,
  problems: InputProblem[],
  cwd: string,
): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ severity: 'error', file: displayPath(dir, cwd), message: `cannot be read: ${describeFsError(error)}`, skipped: 'this folder' });
    return;
  }
  const names = new Set(entries.map((entry) => entry.name));
  const kustomizationFile = KUSTOMIZATION_FILES.find((file) => names.has(file));
  if (kustomizationFile) {
    kustomizations.push({ dir, file: kustomizationFile });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        problems.push({ severity: 'warning', file: displayPath(full, cwd), message: loop ? 'a symbolic link that loops back on itself' : 'a broken symbolic link', skipped: 'this link' });
        continue;
      }
    }
    if (isDirectory) {
      if (isSkippedFolderName(entry.name)) continue;
      await walk(full, inputs, kustomizations, visited, problems, cwd);
    } else if (isFile && isManifestFileName(entry.name)) {
      // A file reached twice (named on the command line and inside a folder, or through a link) is read once.
      const real = await realpath(full).catch(() => full);
      if (visited.has(real)) continue;
      visited.add(real);
      inputs.push({ type: 'file', path: full });
    }
  }
}

function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === '' ? '.' : relative.startsWith('..') ? absolute : relative;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ELOOP') return 'a symbolic link that loops back on itself';
  return errorMessage(error);
}

export type { InputProblem } from './problems.js';
export { formatProblem } from './problems.js';
export { SourceLocator } from './locate.js';
export { parseManifestText } from './parse-text.js';

/** push(...items) passes every item as an argument: a dump of 400,000 objects overflows the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
