import type { LogEntry, ProxyLogger } from '../logging/logger';

/** A logger that writes its lines in batches, and the call that writes what is still held. */
export interface BatchedLog {
  readonly logger: ProxyLogger;
  /** Writes every line held now (synchronously). */
  flush(): void;
}

/**
 * The CLI's log: the same JSON lines as `jsonLineLogger` (`info` and `debug` to stdout, `warn` and `error`
 * to stderr), but the lines logged together (by one callback, and the promise chains it resolves) are
 * written in one call per stream, once that code has run (a microtask, so still before the responses it
 * wrote leave: a turn's line is out before its `done`). Node writes to a pipe synchronously, and each write
 * wakes the reader: a burst of turns ending together costs one write, not one per line. Held lines are
 * written on `flush()` and when the process exits.
 *
 * @example
 * const log = batchedJsonLineLog();
 * const server = await startProxyServer(config, log.logger);
 */
export function batchedJsonLineLog(
  out: (text: string) => unknown = (text) => process.stdout.write(text),
  err: (text: string) => unknown = (text) => process.stderr.write(text),
): BatchedLog {
  let stdout = '';
  let stderr = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (stdout !== '') {
      const text = stdout;
      stdout = '';
      out(text);
    }
    if (stderr !== '') {
      const text = stderr;
      stderr = '';
      err(text);
    }
  };
  process.once('exit', flush);
  const logger = (entry: LogEntry) => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
    if (entry.level === 'warn' || entry.level === 'error') stderr += line;
    else stdout += line;
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };
  return { logger, flush };
}
