/**
 * Waits `ms` milliseconds, or resolves `false` at once when `signal` aborts, clearing its timer so
 * no work is left running for a client that has gone.
 *
 * @example
 * if (!(await abortableSleep(200, request.signal))) return; // client left
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
