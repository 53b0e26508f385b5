/** `activation-lens server --stdio`: the language server on stdin/stdout (logs go to the client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import zhCn from '../../media/l10n/bundle.l10n.zh-cn.json';
import { analyze } from '../core/analyze';
import { DEFAULTS } from '../shared/config';
import { translator } from '../shared/l10n';
import { DiskProjectIndex } from './project';
import { LensServer, type Locale } from './server';

export function runServer(defaultLocale: Locale, version: string): void {
  // createConnection() reads --stdio from the command line and sends console output to the client.
  const connection = createConnection(ProposedFeatures.all);
  const report = (what: string) => (e: unknown) => {
    // Never let a stray error end the server: it is logged and the session goes on.
    try {
      connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } catch {
      process.stderr.write(`activation-lens server: ${what}: ${String(e)}\n`);
    }
  };
  process.on('unhandledRejection', report('unhandled rejection'));
  process.on('uncaughtException', report('uncaught exception'));
  // The workspace as one project (cross-file findings, registry keys from config files), read from disk.
  const project = new DiskProjectIndex(analyze, { options: { locale: defaultLocale }, maxSize: DEFAULTS.maxFileSize }, (m) => connection.console.info(m));
  const server = new LensServer(connection, {
    defaultLocale,
    version,
    project,
    translate: (locale) => translator(locale === 'zh-cn' ? zhCn : undefined),
  });
  server.listen();
  connection.listen();
}
