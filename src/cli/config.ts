/**
 * The config file at the edge: find `.kubethreat.yaml` (or `--config FILE`), read it, have it parsed, and turn what
 * it says into flag defaults and analysis options. A config that does not parse ends the run (exit 2): a gate that
 * silently ignored its accepted risks, or its disabled rules, would give a different answer than the team wrote down.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../config/parse.js';
import { formatConfigProblem, type KubethreatConfig } from '../config/types.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { Severity } from '../taxonomy/index.js';
import { KubethreatError } from './errors.js';
import type { CliIo } from './io.js';

/** A config file that cannot be read or is not valid; names the file, line and field of each mistake. */
export class ConfigError extends KubethreatError {}

export const CONFIG_FILE = '.kubethreat.yaml';

/**
 * `--config FILE` reads that file (it must exist); `--no-config` (false) reads none; otherwise `.kubethreat.yaml` in
 * the current directory is read when it exists.
 */
export async function loadConfig(flag: string | false | undefined, io: CliIo): Promise<KubethreatConfig | undefined> {
  if (flag === false) return undefined;
  const file = flag ?? CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (flag === undefined && code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read the config file ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
  }
  const result = parseConfig(text, file);
  if (!result.ok) {
    const count = result.problems.length;
    throw new ConfigError(
      `${file} is not a valid kubethreat config (${count} mistake${count === 1 ? '' : 's'}; docs/config.md describes the file, --no-config ignores it):\n` +
        result.problems.map((problem) => `  ${formatConfigProblem(problem)}`).join('\n'),
    );
  }
  return result.config;
}

/** What the config adds to the analysis: accepted risks, severity overrides, and rules it disables. */
export function configAnalysisOptions(config: KubethreatConfig | undefined, onlyRules: readonly string[]): Pick<AnalysisOptions, 'acceptances' | 'severityOverrides'> & { skipRules: string[] } {
  if (!config) return { skipRules: [] };
  const severityOverrides: Record<string, Severity> = {};
  const skipRules: string[] = [];
  for (const [id, setting] of Object.entries(config.rules)) {
    if (setting.severity !== undefined) severityOverrides[id] = setting.severity;
    // A rule named with --rule runs even when the config disables it: the command line is the more explicit ask.
    if (setting.disabled === true && !onlyRules.includes(id)) skipRules.push(id);
  }
  return { acceptances: config.accept, severityOverrides, skipRules };
}
