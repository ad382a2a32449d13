import type { Context } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { streamErrorData } from '../stream/stream-error-data';
import type { NestException } from './nest-exception';
import { sseHeaders } from './sse-headers';

/**
 * With `errorsInStream`, a failure of a streaming turn (the billing gate, a 5xx) is answered as Vapi was
 * seen to answer its billing gate: the success status and a stream holding one error chunk (reference §15).
 * `/chat` and `/chat/web` streams carry the configured body shape; Responses streams the spec's `error`
 * event. Returns `undefined` when the failure is to be thrown as an HTTP error instead.
 *
 * @example
 * const answer = await inStreamFailure(c, deps, billingException('credits'));
 * if (answer) return answer;
 */
export async function inStreamFailure(
  c: Context<EmulatorEnv>,
  deps: EmulatorDependencies,
  failure: NestException,
): Promise<Response | undefined> {
  const { options } = deps;
  if (!options.errorsInStream || (failure.status !== 402 && failure.status < 500)) return undefined;
  const responses = c.req.path.endsWith('/responses');
  if (!(await requestStreams(c.req.raw, responses ? options.responsesStreamByDefault : false))) {
    return undefined;
  }
  const data = responses
    ? JSON.stringify({
        type: 'error',
        code: failure.reason ?? `http_${failure.status}`,
        message: failure.message,
        sequence_number: 0,
      })
    : streamErrorData(options.streamErrorBody, failure.status, failure.message, failure.reason ?? 'error');
  return new Response(`data: ${data}\n\n`, { status: options.successStatus, headers: sseHeaders });
}

// Reads `stream` from a copy of the body, so the route can still read the original.
async function requestStreams(request: Request, byDefault: boolean): Promise<boolean> {
  try {
    const body = (await request.clone().json()) as { stream?: unknown } | null;
    return typeof body?.stream === 'boolean' ? body.stream : byDefault;
  } catch {
    return false;
  }
}
