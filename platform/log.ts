/**
 * Structured logging: one JSON object per line on stderr. Personal data and secrets must never
 * reach a log, so fields whose names suggest them are redacted here, whatever the caller passes.
 * Callers still log ids and codes, not payloads.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(component: string): Logger;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names never written in clear. Matched case-insensitively as a substring. */
const REDACTED_FIELD_PATTERNS = [
  'secret',
  'password',
  'pin',
  'token',
  'cookie',
  'name',
  'pan',
  'track',
  'mrz',
  'document',
  'birth',
  'address',
  'phone',
  'email',
  'image',
];
/** Fields whose names contain a pattern above but are known to be safe. */
const SAFE_FIELDS = new Set([
  'component',
  'kioskId',
  'device',
  'screen',
  'code',
  'errorCode',
  'pathname',
  'event',
]);

export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    const lower = key.toLowerCase();
    if (!SAFE_FIELDS.has(key) && REDACTED_FIELD_PATTERNS.some((p) => lower.includes(p))) {
      out[key] = '[redacted]';
    } else if (value instanceof Error) {
      out[key] = { name: value.name, message: value.message };
    } else {
      out[key] = value;
    }
  }
  return out;
}

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
}

export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const threshold =
    LEVEL_ORDER[options.level ?? (process.env.VENTANILLA_LOG_LEVEL as LogLevel) ?? 'info'] ?? 20;
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVEL_ORDER[level] < threshold) return;
    // Fields come first so that none can overwrite the line's own time, level, component or message.
    write(
      JSON.stringify({ ...redact(fields ?? {}), time: new Date().toISOString(), level, component, message }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (sub) => createLogger(`${component}.${sub}`, options),
  };
}

/** A logger that keeps its lines, for tests that assert on what was (not) logged. */
export function createMemoryLogger(component = 'test'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(component, { level: 'debug', write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
