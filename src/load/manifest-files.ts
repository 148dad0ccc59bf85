/**
 * Which files of a folder kubethreat reads: shared by the loader's walk and by the CLI's estimate of an input's size
 * (src/cli/node-flags.ts), which runs before the loader is loaded, so this module imports nothing of kubethreat.
 */
import path from 'node:path';

const MANIFEST_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** A file a folder walk reads: YAML or JSON, by its extension in any case. */
export function isManifestFileName(name: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** A folder a walk does not enter: hidden ones, dependencies and Git's own. */
export function isSkippedFolderName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}
