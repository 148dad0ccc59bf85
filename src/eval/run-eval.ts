/**
 * `npm run eval -- DIR… [--out FILE] [--json] [--concepts FILE]`: argv → measurement → exit code.
 * Exit 0 whatever the numbers (this is a measurement, not a gate); 2 on usage errors; 3 on a bug.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../cli/io.js';
import { RULE_LIST } from '../rules/index.js';
import type { Rule } from '../rules/define-rule.js';
import { ConceptMapError, coverageOf, parseConceptMap } from './concepts.js';
import { assertCorporaFolder, evaluateFolder, NotACorporaFolderError, type FolderEvaluation } from './evaluate.js';
import { renderSummaryJson, renderText, renderVerdictsJson } from './render.js';
import { parseReasons, type KeptReason } from './reasons.js';

export interface EvalIo {
  stdout: Output;
  stderr: Output;
  /** Where relative DIRs and files are resolved. */
  cwd: string;
}

export interface EvalDependencies {
  /** The rules to measure; the whole registry by default. */
  rules?: readonly Rule[];
}

/** The concept map that ships with the project, found relative to this module in src/ and in dist/ alike. */
export const DEFAULT_CONCEPTS_FILE = fileURLToPath(new URL('../../eval/concepts.json', import.meta.url));
/** The written reasons for kept disagreements, beside the concept map. */
export const REASONS_FILE_NAME = 'DISAGREEMENTS.md';

const USAGE = 'usage: npm run eval -- DIR… [--out FILE] [--json] [--concepts FILE] [--reasons FILE]\n';
const HELP = `${USAGE}
Scores kubethreat against labelled folders in the corpora format (a folder with LABELS.tsv).
  DIR              a corpora folder; several may be given
  --out FILE       write every per-label verdict, with the findings that matched, as JSON
  --json           print the summary as JSON instead of text
  --concepts FILE  the rule → concept map (default: eval/concepts.json)
  --reasons FILE   written reasons for kept disagreements (default: DISAGREEMENTS.md beside the concept map)
Exit code: 0 whatever the numbers; 2 on usage errors.
`;

class UsageError extends Error {}

interface EvalArguments {
  dirs: string[];
  out?: string;
  json: boolean;
  concepts: string;
  reasons?: string;
  help: boolean;
}

export async function runEval(argv: readonly string[], io: EvalIo, dependencies: EvalDependencies = {}): Promise<number> {
  try {
    const args = parseArguments(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    const conceptsFile = path.resolve(io.cwd, args.concepts);
    const conceptMap = parseConceptMap(await readJson(conceptsFile), args.concepts);
    const rules = dependencies.rules ?? RULE_LIST;
    const coverage = coverageOf(conceptMap, rules.map((rule) => rule.id));
    const reasons = await readReasons(args.reasons ? path.resolve(io.cwd, args.reasons) : path.join(path.dirname(conceptsFile), REASONS_FILE_NAME), args.reasons !== undefined);
    for (const dir of args.dirs) await assertCorporaFolder(dir, io.cwd);

    const folders: FolderEvaluation[] = [];
    for (const dir of args.dirs) folders.push(await evaluateFolder(dir, io.cwd, { coverage, rules, reasons }));
    const run = { conceptsFile: path.relative(io.cwd, conceptsFile) || conceptsFile, coverage, folders };
    io.stdout.write(args.json ? renderSummaryJson(run) : renderText(run));
    if (args.out) {
      await writeFile(path.resolve(io.cwd, args.out), renderVerdictsJson(run)).catch((error: unknown) => {
        throw new UsageError(`cannot write --out ${args.out}: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (!args.json) io.stdout.write(`\nper-label verdicts written to ${args.out}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof NotACorporaFolderError || error instanceof ConceptMapError) {
      io.stderr.write(`kubethreat eval: ${error.message}\n${error instanceof UsageError ? USAGE : ''}`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`kubethreat eval: this is a bug in kubethreat; please report it with the command you ran and this:\n${detail}\n`);
    return 3;
  }
}

function parseArguments(argv: readonly string[]): EvalArguments {
  const args: EvalArguments = { dirs: [], json: false, concepts: DEFAULT_CONCEPTS_FILE, help: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--json') args.json = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out') args.out = value();
    else if (arg.startsWith('--out=')) args.out = arg.slice('--out='.length);
    else if (arg === '--reasons') args.reasons = value();
    else if (arg.startsWith('--reasons=')) args.reasons = arg.slice('--reasons='.length);
    else if (arg === '--concepts') args.concepts = value();
    else if (arg.startsWith('--concepts=')) args.concepts = arg.slice('--concepts='.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else args.dirs.push(arg);
  }
  if (!args.help && args.dirs.length === 0) throw new UsageError('no DIR given: name one or more folders that hold a LABELS.tsv');
  return args;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConceptMapError(`${file}: the concept map cannot be read`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConceptMapError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The reasons file is optional beside the concept map, required when named with --reasons. */
async function readReasons(file: string, required: boolean): Promise<KeptReason[]> {
  try {
    return parseReasons(await readFile(file, 'utf8'));
  } catch {
    if (required) throw new UsageError(`--reasons ${file}: cannot be read`);
    return [];
  }
}
