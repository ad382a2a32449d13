import type { Hono } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { NestException } from '../http/nest-exception';
import { streamResponse } from '../http/stream-response';
import { billingGate } from '../middleware/billing-gate';
import { rateLimit } from '../middleware/rate-limit';
import { requestFaults } from '../middleware/request-faults';
import { requireKey } from '../middleware/require-key';
import type { ChatRecord } from '../store/emulator-store';
import { chatStreamEvents } from '../turn/chat-stream-events';
import { incompleteChatHandler } from '../turn/drop-incomplete-chat';
import { startChatTurn } from '../turn/start-chat-turn';
import { parseListQuery } from '../validation/list-query';
import { paginate } from '../validation/paginate';
import { readJsonBody } from '../validation/read-json-body';
import { validateCreateChat } from '../validation/validate-create-chat';
import { queryFilter } from './query-filter';

/**
 * `POST /chat` (JSON or SSE), `GET /chat` (filters and pages), `GET /chat/{id}` and
 * `DELETE /chat/{id}`, all with the private key (reference §3, §4, §7).
 *
 * @example
 * registerChatRoutes(app, deps);
 */
export function registerChatRoutes(app: Hono<EmulatorEnv>, deps: EmulatorDependencies): void {
  const { options, store } = deps;
  const guard = [requireKey(deps, 'private'), rateLimit(deps), requestFaults(deps)] as const;

  app.post('/chat', ...guard, billingGate(deps), async (c) => {
    const request = validateCreateChat(await readJsonBody(c.req.raw), options, 'chat');
    const plan = c.get('plan');
    const started = startChatTurn(deps, request, plan.toolCalls ?? false);
    const { record, turn, session } = started;
    if (request.stream !== true) return c.json(record.chat, options.successStatus);
    const streamId = plan.distinctStreamId === true ? `stream_${options.createId()}` : record.chat.id;
    const events = chatStreamEvents({
      streamId,
      sessionId: session?.session.id,
      turn,
      plan,
      outputShape: options.outputEventShape,
      errorBody: options.streamErrorBody,
    });
    return streamResponse(deps, plan, events, c.req.raw.signal, incompleteChatHandler(deps, started));
  });

  app.get('/chat', ...guard, (c) => {
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params);
    const items = [...store.chats.values()]
      .filter((record) => matchesChatFilters(record, params))
      .map((record) => ({
        value: record.chat,
        sequence: record.sequence,
        createdAt: record.chat.createdAt,
        updatedAt: record.chat.updatedAt,
        cost: record.chat.cost,
      }));
    return c.json(paginate(items, query, options.cursorPagination));
  });

  app.get('/chat/:id', ...guard, (c) => {
    const record = store.chats.get(c.req.param('id'));
    if (record === undefined) throw new NestException(404, `Chat ${c.req.param('id')} not found`);
    return c.json(record.chat);
  });

  app.delete('/chat/:id', ...guard, (c) => {
    const record = store.chats.get(c.req.param('id'));
    if (record === undefined) throw new NestException(404, `Chat ${c.req.param('id')} not found`);
    store.chats.delete(record.chat.id);
    return c.json(record.chat);
  });
}

// The id filters of `GET /chat` (reference §7); `…Any` takes a comma-separated list.
function matchesChatFilters(record: ChatRecord, params: URLSearchParams): boolean {
  const { chat } = record;
  const { equals, anyOf } = queryFilter(params);
  return (
    equals('id', chat.id) &&
    anyOf('idAny', chat.id) &&
    equals('assistantId', chat.assistantId) &&
    anyOf('assistantIdAny', chat.assistantId) &&
    equals('squadId', chat.squadId) &&
    equals('sessionId', chat.sessionId) &&
    equals('previousChatId', chat.previousChatId)
  );
}
