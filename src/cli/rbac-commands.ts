/** The RBAC questions as commands: `who-can` and `can`. Registered by main.ts; the work is in who-can.ts and can.ts. */
import { Option, type Command } from 'commander';
import { runCan, type CanFlags } from './can.js';
import type { CliIo } from './io.js';
import { runWhoCan, type WhoCanFlags } from './who-can.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function inputOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--kubernetes-version <version>', "the cluster's version (v1.N): selects the default RBAC policy it has (v1.30–v1.33 are modelled; default: what a live cluster's API server reports)")
    .option('--cluster', "read the live cluster of the kubeconfig's current context (read-only) instead of files")
    .option('--context <name>', 'read the cluster of this kubeconfig context (repeatable; implies --cluster)', collect, [])
    .option('--kubeconfig <file>', 'kubeconfig to use (implies --cluster)')
    .option('--include-namespace <name>', 'of a live cluster, read this namespace only (repeatable), for an identity whose rights are bound in some namespaces; implies --cluster', collect, [])
    .option('--cluster-name <name>', 'name of the cluster these inputs describe');
}

export function registerRbacCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  inputOptions(
    program
      .command('who-can')
      .description('every subject that may make a request, with the binding → role → rule chain that allows it')
      .argument('<verb>', 'get, list, create, delete, impersonate, bind, …')
      .argument('<resource>', 'pods, pods/exec, deployments.apps, or a non-resource URL such as /metrics')
      .argument('[paths...]', 'files and folders to read; - reads standard input')
      .option('-n, --namespace <name>', 'the namespace of the request (default: any namespace, each chain says where)')
      .option('--name <name>', 'the name of the object (resourceNames count only when it is given)'),
  ).action(async (verb: string, resource: string, paths: string[], flags: WhoCanFlags) => {
    setExitCode(await runWhoCan(verb, resource, paths, flags, io));
  });

  inputOptions(
    program
      .command('can')
      .description('everything a subject may do, grouped by risk, with the chain that allows each')
      .argument('<subject>', 'system:serviceaccount:NAMESPACE:NAME, user:NAME or group:NAME')
      .argument('[paths...]', 'files and folders to read; - reads standard input'),
  ).action(async (subject: string, paths: string[], flags: CanFlags) => {
    setExitCode(await runCan(subject, paths, flags, io));
  });
}
