/** `node dist/eval/cli.js DIR…` (what `npm run eval` runs): the only code of the evaluation that touches the process. */
import { runEval } from './run-eval.js';

// npm runs scripts from the package root; INIT_CWD is where the user typed the command, so their paths resolve there.
process.exitCode = await runEval(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
