import { describe, expect, it } from 'vitest';
import { createLogger, formatLogLine, readLogLevel, type LineLevel, type LogLevel } from './logger';

const at = new Date('2025-03-04T05:06:07.089Z');

/** A logger at `level` whose lines land in the returned array. */
function capture(level: LogLevel): { lines: string[]; levels: LineLevel[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const levels: LineLevel[] = [];
  const logger = createLogger({ level, now: () => at, write: (line, lineLevel) => (lines.push(line), levels.push(lineLevel)) });
  return { lines, levels, logger };
}

const everyLevel = (logger: ReturnType<typeof createLogger>) => {
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
};

describe('createLogger', () => {
  it('writes lines at its level and above, and nothing when silent', () => {
    const written = (level: LogLevel) => {
      const { lines, logger } = capture(level);
      everyLevel(logger);
      return lines.map((line) => line.split(' ').at(-1));
    };
    expect(written('debug')).toEqual(['d', 'i', 'w', 'e']);
    expect(written('info')).toEqual(['i', 'w', 'e']);
    expect(written('warn')).toEqual(['w', 'e']);
    expect(written('error')).toEqual(['e']);
    expect(written('silent')).toEqual([]);
  });

  it('says which levels it writes', () => {
    const { logger } = capture('warn');
    expect((['debug', 'info', 'warn', 'error'] as const).map((level) => logger.enabled(level))).toEqual([false, false, true, true]);
  });

  it('hands each line its level, so warnings and errors can go to stderr', () => {
    const { levels, logger } = capture('debug');
    everyLevel(logger);
    expect(levels).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('reads its level from BRANCHSCOPE_LOG_LEVEL when none is given', () => {
    const previous = process.env.BRANCHSCOPE_LOG_LEVEL;
    process.env.BRANCHSCOPE_LOG_LEVEL = 'error';
    try {
      expect(createLogger({ write: () => undefined }).level).toBe('error');
    } finally {
      if (previous === undefined) delete process.env.BRANCHSCOPE_LOG_LEVEL;
      else process.env.BRANCHSCOPE_LOG_LEVEL = previous;
    }
  });
});

describe('formatLogLine', () => {
  it('is one line: ISO time, level, message, then key=value pairs, quoting values that need it', () => {
    const line = formatLogLine(at, 'info', 'job finished', { kind: 'weight-images', ms: 42, ok: true, none: null, skipped: undefined, error: 'layer "x" is\nmissing' });
    expect(line).toBe('2025-03-04T05:06:07.089Z info  job finished kind=weight-images ms=42 ok=true none=null error="layer \\"x\\" is\\nmissing"');
    expect(line).not.toContain('\n');
  });

  it('escapes newlines in the message', () => {
    expect(formatLogLine(at, 'error', 'first\nsecond')).toBe('2025-03-04T05:06:07.089Z error first\\nsecond');
  });
});

describe('readLogLevel', () => {
  it('defaults to info and accepts every level in any case', () => {
    expect(readLogLevel({})).toBe('info');
    expect(readLogLevel({ BRANCHSCOPE_LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(readLogLevel({ BRANCHSCOPE_LOG_LEVEL: 'silent' })).toBe('silent');
  });

  it('refuses anything else, naming the variable and the levels', () => {
    expect(() => readLogLevel({ BRANCHSCOPE_LOG_LEVEL: 'verbose' })).toThrow(
      "BRANCHSCOPE_LOG_LEVEL must be one of debug, info, warn, error, silent, got 'verbose'",
    );
  });
});
