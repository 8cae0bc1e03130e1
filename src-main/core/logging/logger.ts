import { appendFileSync } from 'node:fs';
import type { Redactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * JSON-lines logger. Every line passes through the redactor, so a key that reached an
 * error message (e.g. echoed by a provider) never reaches disk or the terminal.
 */
export function createLogger(options: {
  redactor: Redactor;
  level?: LogLevel;
  file?: string;
  write?: (line: string) => void;
}): Logger {
  const min = order[options.level ?? 'info'];
  const sink =
    options.write ??
    ((line: string) => {
      if (options.file) appendFileSync(options.file, `${line}\n`);
      else process.stderr.write(`${line}\n`);
    });
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
    sink(options.redactor.apply(line));
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}
