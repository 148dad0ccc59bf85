/**
 * argv → command → exit code. The only code that touches the process: everything else gets what it needs passed in.
 * Exit codes: 0 no finding at or above --fail-on; 1 findings at or above --fail-on; 2 usage error or nothing readable;
 * 3 a bug in kubethreat.
 */
import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES } from '../taxonomy/index.js';
import { REPORT_FORMATS } from '../report/index.js';
import { EXIT, KubethreatError } from './errors.js';
import type { CliIo } from './io.js';
import { runScan, type ScanFlags } from './scan.js';
import { runDiff, type DiffFlags } from './diff.js';
import { DIFF_FORMATS } from '../diff/index.js';
import { runSnapshot, type SnapshotFlags } from './snapshot.js';
import { runFix, type FixFlags } from './fix.js';
import { registerRbacCommands } from './rbac-commands.js';
import { registerPathsCommand } from './paths.js';
import { registerReachCommand } from './reach.js';
import { renderExplain, renderRuleList } from './catalogue.js';
import { toolVersion } from './version.js';
import { escapeControlCharacters } from '../load/problems.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export async function main(argv: readonly string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('kubethreat')
    .description('The threat model of a Kubernetes estate, computed from its configuration.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('scan', { isDefault: true })
    .description('read manifests (files, folders, Kustomize folders, - for stdin) or live clusters, and print their threat model')
    .argument('[paths...]', 'files and folders to read; - reads standard input')
    .option('--cluster', "read the live cluster of the kubeconfig's current context (read-only) instead of files")
    .option('--context <name>', 'read the cluster of this kubeconfig context (repeatable: several clusters in one model; implies --cluster)', collect, [])
    .option('--kubeconfig <file>', "kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or the pod's service account; implies --cluster)")
    .option('--include-namespace <name>', 'of a live cluster, read this namespace only (repeatable), for an identity whose rights are bound in some namespaces; implies --cluster', collect, [])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('terminal'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: high, or failOn in the config)').choices([...SEVERITIES, 'none']))
    .addOption(new Option('--min-severity <severity>', 'report only findings at or above this severity (default: info, or minSeverity in the config)').choices([...SEVERITIES]))
    .option('--rule <id>', 'run only this rule (repeatable)', collect, [])
    .option('--skip-rule <id>', 'do not run this rule (repeatable)', collect, [])
    .option('-n, --namespace <name>', 'namespace of objects that name none, as kubectl (default: "default", or namespace in the config)')
    .option('--pss-version <version>', "Pod Security Standards version for workload levels, latest or v1.N; latest is the cluster's own version when known (default: latest, or pssVersion in the config)")
    .option('--kubernetes-version <version>', "the cluster's version (v1.N): the default RBAC policy (v1.30–v1.33 are modelled), the API removals and what Pod Security's latest means follow it (default: what a live cluster's API server reports)")
    .option('--cluster-name <name>', 'name of the cluster these inputs describe')
    .option('--include-platform', "report findings on the cluster's own components (kube-system add-ons, bootstrap RBAC) too")
    .option('--config <file>', 'config file: accepted risks, rule settings, default flags (default: .kubethreat.yaml when present)')
    .option('--no-config', 'ignore .kubethreat.yaml')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours, even on a terminal')
    .action(async (paths: string[], flags: ScanFlags) => {
      exitCode = await runScan(paths, flags, io, now);
    });

  program
    .command('diff')
    .description('the threat-model diff between two versions, for pull requests: new, resolved and changed findings, controls, node boundary')
    .argument('<old>', 'the base: a JSON report (scan --format json) or manifests (a file or folder)')
    .argument('<new>', 'the change: a JSON report or manifests, scanned with the same flags and config')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the diff to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a new, reopened or raised finding is at or above this severity (default: high, or failOn in the config)').choices([...SEVERITIES, 'none']))
    .addOption(new Option('--min-severity <severity>', 'list only findings at or above this severity').choices([...SEVERITIES]))
    .option('--rule <id>', 'run only this rule when scanning manifests (repeatable)', collect, [])
    .option('--skip-rule <id>', 'do not run this rule when scanning manifests (repeatable)', collect, [])
    .option('-n, --namespace <name>', 'namespace of objects that name none, as kubectl')
    .option('--pss-version <version>', 'Pod Security Standards version for workload levels, latest or v1.N')
    .option('--kubernetes-version <version>', "the cluster's version (v1.N): the default RBAC policy, the API removals and what Pod Security's latest means follow it")
    .option('--include-platform', "compare findings on the cluster's own components too")
    .option('--config <file>', 'config file for both scans (default: .kubethreat.yaml when present)')
    .option('--no-config', 'ignore .kubethreat.yaml')
    .action(async (oldSide: string, newSide: string, flags: DiffFlags) => {
      exitCode = await runDiff(oldSide, newSide, flags, io, now);
    });

  program
    .command('fix')
    .description('fix what can be fixed mechanically and generate the missing measures (Pod Security labels, NetworkPolicies, quotas, service accounts); proved by scanning the result again')
    .argument('<paths...>', 'files and folders to fix; Kustomize folders and - (standard input) get generated objects only')
    .option('--output <dir>', 'write fixed copies of the input files and kubethreat-measures.yaml to this folder (inputs are never edited)')
    .option('--patch', 'print a unified diff instead (git apply or patch -p1); the report goes to standard error')
    .option('--rule <id>', "fix only this rule's findings, its suggestions included (repeatable)", collect, [])
    .addOption(new Option('--level <level>', 'the Pod Security level to harden towards and enforce').choices(['baseline', 'restricted']).default('restricted'))
    .option('-n, --namespace <name>', 'namespace of objects that name none, as kubectl')
    .option('--pss-version <version>', 'Pod Security Standards version for workload levels, latest or v1.N')
    .option('--kubernetes-version <version>', "the cluster's version (v1.N): Pod Security labels are pinned to it (default: kubernetesVersion in the config, else the newest policy known)")
    .option('--include-platform', "fix the cluster's own components too (kube-system add-ons)")
    .option('--cluster-name <name>', 'name of the cluster these inputs describe')
    .option('--config <file>', 'config file: its accepted risks are left alone, its disabled rules are not fixed (default: .kubethreat.yaml when present)')
    .option('--no-config', 'ignore .kubethreat.yaml')
    .action(async (paths: string[], flags: FixFlags) => {
      exitCode = await runFix(paths, flags, io, now);
    });

  program
    .command('snapshot')
    .description('save what kubethreat reads from live clusters as one JSON List (Secrets as metadata only), to scan later')
    .requiredOption('-o, --output <file>', 'file to write the snapshot to; - writes standard output')
    .option('--context <name>', 'kubeconfig context to read (repeatable)', collect, [])
    .option('--kubeconfig <file>', "kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, or the pod's service account)")
    .option('--include-namespace <name>', 'of a live cluster, read this namespace only (repeatable), for an identity whose rights are bound in some namespaces; implies --cluster', collect, [])
    .option('--cluster-name <name>', 'name of the cluster in the snapshot (default: the context name; one context only)')
    .action(async (flags: SnapshotFlags) => {
      exitCode = await runSnapshot(flags, io, now);
    });

  registerRbacCommands(program, io, (code) => {
    exitCode = code;
  });

  registerPathsCommand(program, io, now, (code) => {
    exitCode = code;
  });

  registerReachCommand(program, io, (code) => {
    exitCode = code;
  });

  program
    .command('rules')
    .description('list the rule catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout.write(renderRuleList(flags.format));
    });

  program
    .command('explain')
    .description('explain a rule: rationale, references, measure, and examples that fire and do not')
    .argument('<rule>', 'rule id, as "kubethreat rules" lists them')
    .action((id: string) => {
      io.stdout.write(renderExplain(id));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof KubethreatError) {
      // Messages quote paths and problems from the input: escaped, line by line, so nothing reaches the terminal raw.
      io.stderr.write(`kubethreat: ${error.message.split('\n').map(escapeControlCharacters).join('\n')}\n`);
      return error.exitCode;
    }
    if (isPathError(error)) {
      // A file or folder the run was given that cannot be read or written (no such folder, no permission, a full
      // disk): the user's to mend, not a bug. Node's message names the call and the path.
      io.stderr.write(`kubethreat: ${escapeControlCharacters(error.message)}\n`);
      return EXIT.error;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(
      `kubethreat: internal error — this is a bug in kubethreat, not in your input.\n` +
        `Please open an issue with the command you ran, kubethreat ${toolVersion()}, Node.js ${process.version}, and this:\n${detail}\n`,
    );
    return EXIT.bug;
  }
}

/** A system error on a path, as Node's fs throws them: `ENOENT: no such file or directory, open 'out/report.md'`. */
function isPathError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof code === 'string' && typeof syscall === 'string' && typeof path === 'string';
}
