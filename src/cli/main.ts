/** Entry of the `activation-lens` command line (built to dist/cli.js): wires the modules. */
import pkg from '../../package.json';
import { analyze } from '../core/analyze';
import { parseArgs, UsageError } from './args';
import { runCheck } from './check';
import { explain } from './explain';
import { formatExplainJson, formatExplainText } from './explainFormat';
import { CHECK_HELP, EXPLAIN_HELP, LIST_HELP, MAIN_HELP, SERVER_HELP } from './help';
import { runList } from './list';
import { repositoryUrl } from './meta';

async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s);
  const err = (s: string) => process.stderr.write(s);
  try {
    const args = parseArgs(argv, process.env);
    if (args.command === 'version') return out(`${pkg.version}\n`), 0;
    if (args.command === 'help') {
      const topics = { check: CHECK_HELP, explain: EXPLAIN_HELP, list: LIST_HELP, server: SERVER_HELP } as const;
      return out(args.topic ? topics[args.topic] : MAIN_HELP), 0;
    }
    if (args.command === 'server') {
      // Runs until the client sends exit (or closes stdin); the protocol library ends the process.
      (await import('../server/main')).runServer(args.lang, pkg.version);
      return new Promise<number>(() => undefined);
    }
    if (args.command === 'explain') {
      const data = explain(args);
      out(args.json ? formatExplainJson(data) : formatExplainText(data, args.lang));
      return 0;
    }
    const io = { cwd: process.cwd(), stdout: out, stderr: err, stderrIsTTY: process.stderr.isTTY === true };
    if (args.command === 'list') return await runList(args, analyze, io);
    return await runCheck(args, analyze, io, { version: pkg.version, repositoryUrl: repositoryUrl(pkg) });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`activation-lens: ${e.message}\nRun 'activation-lens --help' for usage.\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`activation-lens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
