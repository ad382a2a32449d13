/** One structured log entry. Fields never hold message text unless `logMessageText` is on. */
export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly event: string;
  readonly [field: string]: unknown;
}

/**
 * Where the proxy's log entries go.
 *
 * @example
 * const logger: ProxyLogger = (entry) => myPino[entry.level](entry);
 */
export type ProxyLogger = (entry: LogEntry) => void;

/**
 * Writes each entry as one JSON line to stdout (`info`, `debug`) or stderr (`warn`, `error`).
 *
 * @example
 * createProxy({ ...options, logger: jsonLineLogger });
 */
export const jsonLineLogger: ProxyLogger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === 'warn' || entry.level === 'error') console.error(line);
  else console.log(line);
};

/**
 * A logger that drops everything.
 *
 * @example
 * createProxy({ ...options, logger: silentLogger });
 */
export const silentLogger: ProxyLogger = () => undefined;

/**
 * Wraps a logger so that no entry can carry a secret, whatever a bug puts into it: every string field is
 * scanned and each secret is replaced by `[redacted]`. A belt to the braces of never logging them.
 *
 * @example
 * const logger = redactingLogger(jsonLineLogger, [process.env.VAPI_API_KEY!]);
 */
export function redactingLogger(logger: ProxyLogger, secrets: readonly string[]): ProxyLogger {
  const needles = secrets.filter((secret) => secret.length >= 4);
  if (needles.length === 0) return logger;
  // Rebuilds only what holds a secret: an entry without one (nearly all) is passed on as it is.
  const redact = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let text = value;
      for (const secret of needles) if (text.includes(secret)) text = text.split(secret).join('[redacted]');
      return text;
    }
    if (Array.isArray(value)) {
      const items = value.map(redact);
      return items.some((item, index) => item !== value[index]) ? items : value;
    }
    if (typeof value === 'object' && value !== null) {
      let copy: Record<string, unknown> | undefined;
      for (const [key, inner] of Object.entries(value)) {
        const clean = redact(inner);
        if (clean !== inner) (copy ??= { ...value })[key] = clean;
      }
      return copy ?? value;
    }
    return value;
  };
  return (entry) => logger(redact(entry) as LogEntry);
}
