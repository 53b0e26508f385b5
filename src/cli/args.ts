/**
 * Command-line parsing for `activation-lens`. Hand-written (no dependency): GNU-style long options,
 * `--opt value` and `--opt=value`, repeatable list options, `--` ends options.
 */

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif';
export type Lang = 'en' | 'zh-cn';
export type FrameworkName = 'torch' | 'keras' | 'tfjs';

export interface CheckArgs {
  command: 'check';
  format: Format;
  select?: string[];
  ignore: string[];
  maxSize: number;
  lang: Lang;
  paths: string[];
}

export interface ExplainArgs {
  command: 'explain';
  name: string;
  framework?: FrameworkName;
  params: Array<[string, string]>;
  at?: number[];
  json: boolean;
  lang: Lang;
}

export interface ListArgs {
  command: 'list';
  format: 'text' | 'json';
  maxSize: number;
  lang: Lang;
  paths: string[];
}

export interface ServerArgs {
  command: 'server';
  /** Language of messages when the client names no locale in `initialize`. */
  lang: Lang;
}

export type HelpTopic = 'check' | 'explain' | 'list' | 'server';

export type ParsedArgs =
  | CheckArgs
  | ExplainArgs
  | ListArgs
  | ServerArgs
  | { command: 'help'; topic?: HelpTopic }
  | { command: 'version' };

/** Rule ids known to the CLI's validation of --select / --ignore (DESIGN.md fixes them). */
export const RULE_IDS = Array.from({ length: 14 }, (_, i) => `ACT${String(i + 1).padStart(3, '0')}`);

export const DEFAULT_MAX_SIZE = 2_000_000;

/** `LANG=zh_CN.UTF-8` → 'zh-cn'; anything else → 'en'. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh[_-]?(cn|hans|sg)?/i.test(raw) ? 'zh-cn' : 'en';
}

interface OptionSpec {
  takesValue: boolean;
}

function tokenize(argv: readonly string[], specs: Record<string, OptionSpec>) {
  const options: Array<[string, string | true]> = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (/^--[a-z]/.test(arg) || /^-[A-Za-z]$/.test(arg)) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      const spec = specs[name];
      if (!spec) throw new UsageError(`unknown option '${name}'`);
      if (!spec.takesValue) {
        if (eq >= 0) throw new UsageError(`option '${name}' takes no value`);
        options.push([name, true]);
      } else if (eq >= 0) {
        options.push([name, arg.slice(eq + 1)]);
      } else {
        if (i + 1 >= argv.length) throw new UsageError(`option '${name}' needs a value`);
        options.push([name, argv[++i]]);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function ruleList(option: string, value: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
  if (ids.length === 0) throw new UsageError(`${option} needs at least one rule id`);
  for (const id of ids) {
    if (!RULE_IDS.includes(id)) {
      throw new UsageError(`${option}: unknown rule '${id}' (known: ACT001…ACT014)`);
    }
  }
  return ids;
}

const COMMON: Record<string, OptionSpec> = {
  '--help': { takesValue: false },
  '-h': { takesValue: false },
  '--lang': { takesValue: true },
};

function parseCheck(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const { options, positionals } = tokenize(argv, {
    ...COMMON,
    '--format': { takesValue: true },
    '--select': { takesValue: true },
    '--ignore': { takesValue: true },
    '--max-size': { takesValue: true },
  });
  const out: CheckArgs = {
    command: 'check',
    format: 'text',
    ignore: [],
    maxSize: DEFAULT_MAX_SIZE,
    lang: langFromEnv(env),
    paths: positionals,
  };
  for (const [name, value] of options) {
    if (name === '--help' || name === '-h') return { command: 'help', topic: 'check' };
    const v = value as string;
    if (name === '--format') out.format = oneOf('--format', v, ['text', 'json', 'sarif'] as const);
    else if (name === '--select') out.select = [...(out.select ?? []), ...ruleList(name, v)];
    else if (name === '--ignore') out.ignore.push(...ruleList(name, v));
    else if (name === '--lang') out.lang = oneOf('--lang', v, ['en', 'zh-cn'] as const);
    else if (name === '--max-size') out.maxSize = maxSizeOf(v);
  }
  if (out.paths.length === 0) throw new UsageError('check needs at least one PATH (a file or a folder)');
  return out;
}

function maxSizeOf(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--max-size must be a positive number of bytes (got '${v}')`);
  return n;
}

function parseList(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const { options, positionals } = tokenize(argv, {
    ...COMMON,
    '--format': { takesValue: true },
    '--max-size': { takesValue: true },
  });
  const out: ListArgs = { command: 'list', format: 'text', maxSize: DEFAULT_MAX_SIZE, lang: langFromEnv(env), paths: positionals };
  for (const [name, value] of options) {
    if (name === '--help' || name === '-h') return { command: 'help', topic: 'list' };
    const v = value as string;
    if (name === '--format') out.format = oneOf('--format', v, ['text', 'json'] as const);
    else if (name === '--lang') out.lang = oneOf('--lang', v, ['en', 'zh-cn'] as const);
    else if (name === '--max-size') out.maxSize = maxSizeOf(v);
  }
  if (out.paths.length === 0) throw new UsageError('list needs at least one PATH (a file or a folder)');
  return out;
}

/** Numbers as JavaScript reads them, plus inf/-inf/nan spelled any case. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

function parseExplain(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const { options, positionals } = tokenize(argv, {
    ...COMMON,
    '--framework': { takesValue: true },
    '--param': { takesValue: true },
    '--at': { takesValue: true },
    '--json': { takesValue: false },
  });
  const out: ExplainArgs = { command: 'explain', name: '', params: [], json: false, lang: langFromEnv(env) };
  for (const [name, value] of options) {
    if (name === '--help' || name === '-h') return { command: 'help', topic: 'explain' };
    const v = value as string;
    if (name === '--framework') out.framework = oneOf('--framework', v, ['torch', 'keras', 'tfjs'] as const);
    else if (name === '--lang') out.lang = oneOf('--lang', v, ['en', 'zh-cn'] as const);
    else if (name === '--json') out.json = true;
    else if (name === '--param') {
      const eq = v.indexOf('=');
      if (eq <= 0) throw new UsageError(`--param expects k=v (got '${v}')`);
      out.params.push([v.slice(0, eq).trim(), v.slice(eq + 1).trim()]);
    } else if (name === '--at') {
      const xs = v.split(',').map((s) => {
        const n = parseNumber(s);
        if (n === undefined) throw new UsageError(`--at: '${s}' is not a number`);
        return n;
      });
      out.at = [...(out.at ?? []), ...xs];
    }
  }
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'explain needs an activation NAME' : `explain takes one NAME (got ${positionals.join(' ')})`);
  }
  out.name = positionals[0];
  return out;
}

function parseServer(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const { options, positionals } = tokenize(argv, { ...COMMON, '--stdio': { takesValue: false } });
  const out: ServerArgs = { command: 'server', lang: langFromEnv(env) };
  let stdio = false;
  for (const [name, value] of options) {
    if (name === '--help' || name === '-h') return { command: 'help', topic: 'server' };
    if (name === '--stdio') stdio = true;
    else if (name === '--lang') out.lang = oneOf('--lang', value as string, ['en', 'zh-cn'] as const);
  }
  if (positionals.length) throw new UsageError(`server takes no PATH (got ${positionals.join(' ')}); the client opens the files`);
  if (!stdio) throw new UsageError('server needs --stdio (the language server speaks LSP over stdin/stdout)');
  return out;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0] === 'check' || rest[0] === 'explain' || rest[0] === 'list' || rest[0] === 'server' ? rest[0] : undefined;
    return { command: 'help', topic };
  }
  if (command === '--version' || command === '-V' || command === 'version') return { command: 'version' };
  if (command === 'check') return parseCheck(rest, env);
  if (command === 'explain') return parseExplain(rest, env);
  if (command === 'list') return parseList(rest, env);
  if (command === 'server') return parseServer(rest, env);
  throw new UsageError(`unknown command '${command}' (expected check, list, explain or server)`);
}
