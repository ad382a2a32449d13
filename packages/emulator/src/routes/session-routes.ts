import type { Hono } from 'hono';
import type { EmulatorDependencies } from '../emulator-dependencies';
import type { EmulatorEnv } from '../emulator-env';
import { NestException } from '../http/nest-exception';
import { rateLimit } from '../middleware/rate-limit';
import { requestFaults } from '../middleware/request-faults';
import { requireKey } from '../middleware/require-key';
import { resolveAssistant } from '../model/resolve-assistant';
import { techflowAssistant } from '../model/techflow-assistant';
import type { SessionRecord } from '../store/emulator-store';
import { createSessionRecord } from '../store/create-session-record';
import { parseListQuery } from '../validation/list-query';
import { paginate } from '../validation/paginate';
import { readJsonBody } from '../validation/read-json-body';
import { validateSessionBody } from '../validation/validate-session-body';
import { queryFilter } from './query-filter';

/**
 * Session CRUD with the private key (reference §8): `POST /session` → 201, `GET /session` (filters
 * and pages), `GET|PATCH|DELETE /session/{id}`. A session with no assistant runs the built-in model.
 *
 * @example
 * registerSessionRoutes(app, deps);
 */
export function registerSessionRoutes(app: Hono<EmulatorEnv>, deps: EmulatorDependencies): void {
  const { options, store } = deps;
  const guard = [requireKey(deps, 'private'), rateLimit(deps), requestFaults(deps)] as const;
  const find = (id: string): SessionRecord => {
    const record = store.sessions.get(id);
    if (record === undefined) throw new NestException(404, `Session ${id} not found`);
    return record;
  };

  app.post('/session', ...guard, async (c) => {
    const fields = validateSessionBody(await readJsonBody(c.req.raw), options, 'create');
    const assistant = resolveAssistant(options, fields) ?? {
      name: techflowAssistant.name,
      ...(techflowAssistant.systemPrompt === undefined
        ? {}
        : { systemPrompt: techflowAssistant.systemPrompt }),
    };
    const record = createSessionRecord(deps, fields, assistant);
    return c.json(record.session, 201);
  });

  app.get('/session', ...guard, (c) => {
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params);
    const items = [...store.sessions.values()]
      .filter((record) => matchesSessionFilters(record, params))
      .map((record) => ({
        value: record.session,
        sequence: record.sequence,
        createdAt: record.session.createdAt,
        updatedAt: record.session.updatedAt,
        cost: record.session.cost,
      }));
    return c.json(paginate(items, query, options.cursorPagination));
  });

  app.get('/session/:id', ...guard, (c) => c.json(find(c.req.param('id')).session));

  app.patch('/session/:id', ...guard, async (c) => {
    const record = find(c.req.param('id'));
    const update = validateSessionBody(await readJsonBody(c.req.raw), options, 'update');
    record.session = { ...record.session, ...update, updatedAt: options.now().toISOString() };
    return c.json(record.session);
  });

  app.delete('/session/:id', ...guard, (c) => {
    const record = find(c.req.param('id'));
    store.sessions.delete(record.session.id);
    return c.json(record.session);
  });
}

// The id filters of `GET /session` (reference §8); `…Any` takes a comma-separated list.
function matchesSessionFilters(record: SessionRecord, params: URLSearchParams): boolean {
  const { session } = record;
  const { equals, anyOf } = queryFilter(params);
  return (
    equals('id', session.id) &&
    anyOf('idAny', session.id) &&
    equals('name', session.name) &&
    equals('assistantId', session.assistantId) &&
    anyOf('assistantIdAny', session.assistantId) &&
    equals('squadId', session.squadId) &&
    equals('phoneNumberId', session.phoneNumberId)
  );
}
