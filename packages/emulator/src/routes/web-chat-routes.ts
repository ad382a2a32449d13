import type { Hono } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { sseHeaders } from '../http/sse-headers';
import { streamResponse } from '../http/stream-response';
import { billingGate } from '../middleware/billing-gate';
import { rateLimit } from '../middleware/rate-limit';
import { requestFaults } from '../middleware/request-faults';
import { requireKey } from '../middleware/require-key';
import { webCors } from '../middleware/web-cors';
import type { WebChat } from '../protocol/chat';
import { chatStreamEvents } from '../turn/chat-stream-events';
import { incompleteChatHandler } from '../turn/drop-incomplete-chat';
import { startWebTurn } from '../turn/start-web-turn';
import { readJsonBody } from '../validation/read-json-body';
import { validateCreateWebChat } from '../validation/validate-create-web-chat';

/**
 * `POST /chat/web`: the browser endpoint, public key, context by session only; `sessionId` is on
 * every chunk and in `WebChat` (reference §5, §13.1.7). Also installs CORS on `/chat/web*`.
 *
 * @example
 * registerWebChatRoutes(app, deps);
 */
export function registerWebChatRoutes(app: Hono<EmulatorEnv>, deps: EmulatorDependencies): void {
  const { options } = deps;
  app.use('/chat/web', webCors(deps));
  app.use('/chat/web/*', webCors(deps));

  app.post(
    '/chat/web',
    requireKey(deps, 'public'),
    rateLimit(deps),
    requestFaults(deps),
    billingGate(deps),
    async (c) => {
      const request = validateCreateWebChat(await readJsonBody(c.req.raw), options, 'chat');
      const plan = c.get('plan');
      const outcome = startWebTurn(deps, request, c.get('publicKey'), plan.toolCalls ?? false);

      if (outcome.kind === 'ended') {
        // The session is completed and the input is not processed: no events at all (Q13).
        if (request.stream === true && options.sessionEndReply === 'empty-stream') {
          return new Response(new ReadableStream({ start: (controller) => controller.close() }), {
            status: options.successStatus,
            headers: sseHeaders,
          });
        }
        const ended: WebChat = {
          id: outcome.chatId,
          ...(outcome.sessionId === undefined ? {} : { sessionId: outcome.sessionId }),
          output: [],
        };
        return c.json(ended, options.successStatus);
      }

      const { record, turn, session } = outcome.started;
      if (request.stream !== true) {
        const reply: WebChat = { id: record.chat.id, sessionId: session.session.id, output: turn.output };
        return c.json(reply, options.successStatus);
      }
      const streamId = plan.distinctStreamId === true ? `stream_${options.createId()}` : record.chat.id;
      const events = chatStreamEvents({
        streamId,
        sessionId: session.session.id,
        turn,
        plan,
        outputShape: options.outputEventShape,
        errorBody: options.streamErrorBody,
      });
      const onIncomplete = incompleteChatHandler(deps, outcome.started);
      return streamResponse(deps, plan, events, c.req.raw.signal, onIncomplete);
    },
  );
}
