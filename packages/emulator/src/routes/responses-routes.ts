import type { Context, Hono } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { streamResponse } from '../http/stream-response';
import { billingGate } from '../middleware/billing-gate';
import { rateLimit } from '../middleware/rate-limit';
import { requestFaults } from '../middleware/request-faults';
import { requireKey } from '../middleware/require-key';
import { buildResponseObject } from '../turn/build-response-object';
import type { StartedTurn } from '../turn/start-chat-turn';
import { responsesStreamEvents } from '../turn/responses-stream-events';
import { incompleteChatHandler } from '../turn/drop-incomplete-chat';
import { startChatTurn } from '../turn/start-chat-turn';
import { startWebTurn } from '../turn/start-web-turn';
import { readJsonBody } from '../validation/read-json-body';
import { validateCreateChat } from '../validation/validate-create-chat';
import { validateCreateWebChat } from '../validation/validate-create-web-chat';
import { sseHeaders } from '../http/sse-headers';

/**
 * `POST /chat/responses` (private key, same context rules as `/chat`) and
 * `POST /chat/web/responses` (public key, session context): OpenAI Responses-shaped replies
 * (reference §6). `stream` defaults to true. Each turn is stored as a chat whose id is the
 * response id.
 *
 * @example
 * registerResponsesRoutes(app, deps);
 */
export function registerResponsesRoutes(app: Hono<EmulatorEnv>, deps: EmulatorDependencies): void {
  const { options } = deps;

  app.post(
    '/chat/responses',
    requireKey(deps, 'private'),
    rateLimit(deps),
    requestFaults(deps),
    billingGate(deps),
    async (c) => {
      const body = await readJsonBody(c.req.raw);
      const request = validateCreateChat(body, options, 'responses');
      const started = startChatTurn(deps, request, false);
      return respond(c, deps, started, request.stream);
    },
  );

  app.post(
    '/chat/web/responses',
    requireKey(deps, 'public'),
    rateLimit(deps),
    requestFaults(deps),
    billingGate(deps),
    async (c) => {
      const request = validateCreateWebChat(await readJsonBody(c.req.raw), options, 'responses');
      const outcome = startWebTurn(deps, request, c.get('publicKey'), false);
      if (outcome.kind === 'turn') return respond(c, deps, outcome.started, request.stream);
      // sessionEnd: the session is completed and nothing is generated, as on /chat/web (Q13).
      const streaming = request.stream ?? options.responsesStreamByDefault;
      if (streaming && options.sessionEndReply === 'empty-stream') {
        return new Response(new ReadableStream({ start: (controller) => controller.close() }), {
          status: options.successStatus,
          headers: sseHeaders,
        });
      }
      const ended = buildResponseObject({
        chatId: outcome.chatId,
        itemId: `msg_${options.createId()}`,
        createdAt: options.now().toISOString(),
        text: '',
        status: 'completed',
        shape: options.responsesShape,
      });
      return c.json({ ...ended, output: [] }, options.successStatus);
    },
  );
}

function respond(
  c: Context<EmulatorEnv>,
  deps: EmulatorDependencies,
  started: StartedTurn,
  stream: boolean | undefined,
): Response {
  const { options } = deps;
  const { record, turn } = started;
  const itemId = `msg_${options.createId()}`;
  const shape = {
    chatId: record.chat.id,
    itemId,
    createdAt: record.chat.createdAt,
    text: turn.text,
    shape: options.responsesShape,
  };
  if (!(stream ?? options.responsesStreamByDefault)) {
    return c.json(buildResponseObject({ ...shape, status: 'completed' }), options.successStatus);
  }
  const plan = c.get('plan');
  const events = responsesStreamEvents({
    ...shape,
    plan,
    extraEvents: options.responsesExtraEvents,
    completed: options.responsesCompleted,
  });
  return streamResponse(deps, plan, events, c.req.raw.signal, incompleteChatHandler(deps, started));
}
