/**
 * A small LSP client for tests: starts `cli.js server --stdio` as a child process and speaks
 * JSON-RPC with Content-Length framing over its stdin/stdout, written here (not the protocol
 * library the server uses), so malformed messages can be sent as they are.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class LspClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly received: Message[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number | string, (m: Message) => void>();
  private readonly watchers: Array<() => void> = [];
  readonly exited: Promise<number | null>;
  /** Answers to server → client requests (workspace/configuration, …) by method. */
  readonly answers = new Map<string, (params: unknown) => unknown>();

  constructor(cli: string, args: readonly string[] = ['server', '--stdio'], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, LANG: 'C', ...env }, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header from the server: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Message);
    }
  }

  private handle(m: Message): void {
    this.received.push(m);
    if (m.method !== undefined && m.id !== undefined && m.id !== null) {
      // a request from the server: answer it (null unless the test set an answer)
      const answer = this.answers.get(m.method);
      this.send({ jsonrpc: '2.0', id: m.id, result: answer ? answer(m.params) : null });
    } else if (m.id !== undefined && m.id !== null && this.pending.has(m.id)) {
      const resolve = this.pending.get(m.id)!;
      this.pending.delete(m.id);
      resolve(m);
    }
    for (const w of this.watchers.splice(0)) w();
  }

  /** Writes one framed message; `raw` sends the body exactly as given. */
  send(message: object | string): void {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request and resolves with the whole response message (result or error). */
  request(method: string, params?: unknown): Promise<Message> {
    const id = this.nextId++;
    return this.requestWithId(id, method, params);
  }

  requestWithId(id: number | string, method: string, params?: unknown): Promise<Message> {
    const answered = new Promise<Message>((resolve) => this.pending.set(id, resolve));
    this.send({ jsonrpc: '2.0', id, method, ...(params !== undefined ? { params } : {}) });
    return answered;
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, ...(params !== undefined ? { params } : {}) });
  }

  /** Resolves with the first received message (from now on or already received after `from`) matching. */
  async waitFor(match: (m: Message) => boolean, from = 0, what = 'a message'): Promise<Message> {
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.child.exitCode !== null) throw new Error(`the server exited (${this.child.exitCode}) while waiting for ${what}\n${this.stderr}`);
      await new Promise<void>((resolve) => this.watchers.push(resolve));
    }
  }

  /** The diagnostics published for `uri` after message index `from` (the first such notification). */
  async diagnostics(uri: string, from = 0): Promise<Array<Record<string, any>>> {
    const m = await this.waitFor(
      (x) => x.method === 'textDocument/publishDiagnostics' && (x.params as { uri: string }).uri === uri,
      from,
      `diagnostics for ${uri}`,
    );
    return (m.params as { diagnostics: Array<Record<string, any>> }).diagnostics;
  }

  mark(): number {
    return this.received.length;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export const INIT_CAPABILITIES = {
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    synchronization: { didSave: true },
  },
  workspace: { workspaceFolders: true, configuration: true },
  notebookDocument: { synchronization: { dynamicRegistration: false } },
};
