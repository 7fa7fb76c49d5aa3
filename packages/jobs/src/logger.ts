/**
 * The one process log of the API and the workers (it lives here because both services depend on this package):
 * one line per event, `ISO-time level message key=value ...`, filtered by `BRANCHSCOPE_LOG_LEVEL`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Levels a line can have, least severe first. */
export type LineLevel = Exclude<LogLevel, 'silent'>;

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Values after the message; `undefined` ones are left out. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Whether a line at `level` is written (to skip building costly fields). */
  enabled(level: LineLevel): boolean;
}

export interface LoggerOptions {
  /** `BRANCHSCOPE_LOG_LEVEL` (default `info`) when not given. */
  level?: LogLevel;
  /** Where each line goes (without its newline); debug and info to stdout, warn and error to stderr by default. */
  write?: (line: string, level: LineLevel) => void;
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Reads `BRANCHSCOPE_LOG_LEVEL` (default `info`); throws naming the variable and the levels for any other value. */
export function readLogLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  const raw = env.BRANCHSCOPE_LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(raw as LogLevel)) {
    throw new Error(`BRANCHSCOPE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${env.BRANCHSCOPE_LOG_LEVEL}'`);
  }
  return raw as LogLevel;
}

/** A value as it appears after `key=`: bare when it has no space, quote or `=`, JSON-quoted otherwise. */
function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

/** One log line: `2025-01-02T03:04:05.678Z info  message key=value ...`, newlines in the message escaped. */
export function formatLogLine(time: Date, level: LineLevel, message: string, fields: LogFields = {}): string {
  const pairs = Object.entries(fields)
    .filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}=${formatValue(value)}`)
    .join('');
  return `${time.toISOString()} ${level.padEnd(5)} ${message.replace(/\r?\n/g, '\\n')}${pairs}`;
}

const writeToConsole = (line: string, level: LineLevel): void => {
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
};

/** A logger writing lines at `level` and above. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? readLogLevel();
  const write = options.write ?? writeToConsole;
  const now = options.now ?? (() => new Date());
  const enabled = (at: LineLevel): boolean => RANK[at] >= RANK[level];
  const at = (lineLevel: LineLevel) => (message: string, fields?: LogFields) => {
    if (enabled(lineLevel)) write(formatLogLine(now(), lineLevel, message, fields), lineLevel);
  };
  return { level, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), enabled };
}
