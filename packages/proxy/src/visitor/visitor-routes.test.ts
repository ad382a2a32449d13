import { describe, expect, it } from 'vitest';
import type { WidgetKeyConfig } from '../proxy-options';
import {
  createHarness,
  historyHeaders,
  siteOrigin,
  turnInit,
  widgetKey,
} from '../test-support/proxy-harness';
import { signVisitorToken } from './visitor-token';

const secret = 'the-sites-visitor-secret-32-characters-long';
const visitorKey: WidgetKeyConfig = {
  key: widgetKey,
  id: 'site',
  allowedOrigins: [siteOrigin],
  visitors: { secret, variables: { customerName: 'name', plan: 'plan' } },
};
const plainKey: WidgetKeyConfig = { key: 'wk_plain_key', id: 'plain', allowedOrigins: [siteOrigin] };

const tokenFor = (visitorId: string, claims: { name?: string; plan?: string; email?: string } = {}) =>
  signVisitorToken({ secret, widgetKeyId: 'site', visitorId, ...claims });

function visitorHarness(visitors: WidgetKeyConfig['visitors'] = visitorKey.visitors) {
  return createHarness({ proxy: { widgetKeys: [{ ...visitorKey, visitors }, plainKey] } });
}

type Harness = ReturnType<typeof visitorHarness>;

async function turn(harness: Harness, sessionId: string, message: string, token?: string) {
  const response = await harness.app.request(
    '/v1/chat',
    turnInit({ sessionId, message }, token === undefined ? {} : { 'x-visitor-token': token }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(harness: Harness, path: string, token?: string) {
  const response = await harness.app.request(path, {
    headers: { ...historyHeaders, ...(token === undefined ? {} : { 'x-visitor-token': token }) },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function rate(harness: Harness, body: Record<string, unknown>, token?: string) {
  const response = await harness.app.request(
    '/v1/chat/rating',
    turnInit(body, token === undefined ? {} : { 'x-visitor-token': token }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const history = (sessionId: string, conversationId: string) =>
  `/v1/chat/history?${new URLSearchParams({ sessionId, conversationId }).toString()}`;

describe('signed-in visitors', () => {
  it("keeps Alice's conversations hers: listed, read and continued on another device, by no one else", async () => {
    const harness = visitorHarness();
    const alice = await tokenFor('user-alice', { name: 'Alice', plan: 'Team' });
    const started = await turn(harness, 'laptop-1', 'My name is Alice', alice);
    expect(started.status).toBe(200);
    const conversationId = started.body['conversationId'] as string;

    // Another device: no local state, only the token. The list names the conversation and its sessionId.
    const phone = await tokenFor('user-alice', { name: 'Alice', plan: 'Team' });
    const listed = await get(harness, '/v1/conversations', phone);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      conversations: [
        {
          conversationId,
          sessionId: 'laptop-1',
          title: 'My name is Alice',
          preview: { role: 'assistant', text: expect.any(String) as string },
          status: 'done',
          createdAt: expect.any(String) as string,
          updatedAt: expect.any(String) as string,
        },
      ],
    });
    const continued = await turn(harness, 'laptop-1', "What's my name?", phone);
    expect(continued.body['conversationId']).toBe(conversationId);
    expect(continued.body['message']).toMatch(/Alice/);
    const read = await get(harness, history('laptop-1', conversationId), phone);
    expect((read.body['messages'] as unknown[]).length).toBe(4);

    // Anonymous, with the same sessionId: another conversation; and nothing of Alice's to read.
    const anonymous = await turn(harness, 'laptop-1', 'Hello');
    expect(anonymous.body['conversationId']).not.toBe(conversationId);
    expect((await get(harness, history('laptop-1', conversationId))).status).toBe(404);
    expect((await get(harness, '/v1/conversations')).body).toEqual({
      error: 'Unauthorized',
      code: 'visitor_required',
    });

    // Bob sees nothing of Alice's, even knowing both ids.
    const bob = await tokenFor('user-bob');
    expect((await get(harness, '/v1/conversations', bob)).body).toEqual({ conversations: [] });
    expect((await get(harness, history('laptop-1', conversationId), bob)).status).toBe(404);
    const bobTurn = await turn(harness, 'laptop-1', 'Hi', bob);
    expect(bobTurn.body['conversationId']).not.toBe(conversationId);
  });

  it('lists conversations newest first, with a short title and preview, within the limit', async () => {
    const harness = visitorHarness();
    const alice = await tokenFor('user-alice');
    await turn(harness, 'one', 'How do I reset my password?', alice);
    await turn(harness, 'two', `Billing question: ${'why was I charged twice this month '.repeat(4)}`, alice);
    const { body } = await get(harness, '/v1/conversations?limit=10', alice);
    const conversations = body['conversations'] as { sessionId: string; title: string }[];
    expect(conversations.map((conversation) => conversation.sessionId)).toEqual(['two', 'one']);
    expect(conversations[0]?.title.length).toBeLessThanOrEqual(80);
    expect(conversations[0]?.title.endsWith('…')).toBe(true);
    expect((await get(harness, '/v1/conversations?limit=1', alice)).body['conversations']).toHaveLength(1);
    expect((await get(harness, '/v1/conversations?limit=0', alice)).body).toMatchObject({
      error: 'Invalid request payload',
    });
  });

  it('gives Vapi the configured claims as variable values, from the verified token only', async () => {
    const harness = visitorHarness();
    const alice = await tokenFor('user-alice', { name: 'Alice', plan: 'Team', email: 'alice@example.com' });
    await turn(harness, 's1', 'Hi', alice);
    const chat = harness.calls.find((call) => call.path === '/chat');
    expect(chat?.body['assistantOverrides']).toEqual({
      variableValues: { customerName: 'Alice', plan: 'Team' },
    });
    // The browser cannot send variable values of its own: the body is strict.
    const smuggled = await harness.app.request(
      '/v1/chat',
      turnInit(
        { sessionId: 's1', message: 'Hi', assistantOverrides: { variableValues: { plan: 'Enterprise' } } },
        { 'x-visitor-token': alice },
      ),
    );
    expect(smuggled.status).toBe(400);
    // An anonymous turn sends none.
    await turn(harness, 's2', 'Hi');
    expect(harness.calls.at(-1)?.body['assistantOverrides']).toBeUndefined();
  });

  it('refuses a bad token with 401 and never falls back to anonymous; logs why, never the token or a claim', async () => {
    const harness = visitorHarness();
    const alice = await tokenFor('user-alice', { name: 'Alice Example', email: 'alice@example.com' });
    const foreign = await signVisitorToken({
      secret: `${secret}-other`,
      widgetKeyId: 'site',
      visitorId: 'x',
    });
    for (const token of [`${alice.slice(0, -2)}xx`, foreign, 'garbage']) {
      const refused = await turn(harness, 's1', 'Hi', token);
      expect(refused).toEqual({
        status: 401,
        body: { error: 'Unauthorized', code: 'visitor_token_invalid' },
      });
    }
    // A key that takes no visitor tokens refuses one too.
    const plain = await harness.app.request('/v1/chat', {
      ...turnInit({ sessionId: 's1', message: 'Hi' }),
      headers: { 'content-type': 'application/json', 'x-api-key': 'wk_plain_key', 'x-visitor-token': alice },
    });
    expect(plain.status).toBe(401);
    await turn(harness, 's1', 'Hi', alice);
    const refusals = harness.logs.filter((entry) => entry.event === 'visitor-refused');
    expect(refusals.map((entry) => entry['reason'])).toEqual([
      'signature',
      'signature',
      'malformed',
      'not-enabled',
    ]);
    const logged = JSON.stringify(harness.logs);
    for (const secretText of [alice, foreign, 'Alice Example', 'alice@example.com', 'user-alice', secret]) {
      expect(logged).not.toContain(secretText);
    }
  });

  it('requires a visitor when the key says so; anonymous use is unchanged otherwise', async () => {
    const required = visitorHarness({ secret, required: true });
    expect(await turn(required, 's1', 'Hi')).toEqual({
      status: 401,
      body: { error: 'Unauthorized', code: 'visitor_required' },
    });
    expect((await turn(required, 's1', 'Hi', await tokenFor('user-alice'))).status).toBe(200);
    const open = visitorHarness();
    const anonymous = await turn(open, 's1', 'Hi');
    expect(anonymous.status).toBe(200);
    expect(Object.keys(anonymous.body).sort()).toEqual(['conversationId', 'message']);
  });
});

describe('POST /v1/chat/rating', () => {
  it('rates a reply up or down with a comment, shows it in the history, and removes it', async () => {
    const harness = visitorHarness();
    const alice = await tokenFor('user-alice');
    const { body } = await turn(harness, 's1', 'Hi', alice);
    const conversationId = body['conversationId'] as string;
    const read = async () =>
      (await get(harness, history('s1', conversationId), alice)).body['messages'] as {
        id: string;
        role: string;
        rating?: unknown;
      }[];
    const reply = (await read()).find((message) => message.role === 'assistant')!;
    const question = (await read()).find((message) => message.role === 'user')!;

    const rated = await rate(
      harness,
      { sessionId: 's1', conversationId, messageId: reply.id, value: 'down', comment: '  Too vague  ' },
      alice,
    );
    expect(rated).toEqual({
      status: 200,
      body: {
        messageId: reply.id,
        rating: { value: 'down', comment: 'Too vague', ratedAt: expect.any(String) as string },
      },
    });
    expect((await read()).find((message) => message.id === reply.id)?.rating).toMatchObject({
      value: 'down',
    });

    const removed = await rate(
      harness,
      { sessionId: 's1', conversationId, messageId: reply.id, value: null },
      alice,
    );
    expect(removed.body).toEqual({ messageId: reply.id, rating: null });
    expect((await read()).find((message) => message.id === reply.id)?.rating).toBeUndefined();

    // Not a question, not someone else's conversation, not without the right ids.
    const question404 = await rate(
      harness,
      { sessionId: 's1', conversationId, messageId: question.id, value: 'up' },
      alice,
    );
    expect(question404.status).toBe(404);
    const bob = await tokenFor('user-bob');
    expect(
      (await rate(harness, { sessionId: 's1', conversationId, messageId: reply.id, value: 'up' }, bob))
        .status,
    ).toBe(404);
    expect(
      (await rate(harness, { sessionId: 's1', conversationId, messageId: reply.id, value: 'up' })).status,
    ).toBe(404);
  });

  it('lets an anonymous visitor rate a reply of their own conversation', async () => {
    const harness = visitorHarness();
    const { body } = await turn(harness, 'anon-1', 'Hi');
    const conversationId = body['conversationId'] as string;
    const messages = (await get(harness, history('anon-1', conversationId))).body['messages'] as {
      id: string;
      role: string;
    }[];
    const reply = messages.find((message) => message.role === 'assistant')!;
    const rated = await rate(harness, {
      sessionId: 'anon-1',
      conversationId,
      messageId: reply.id,
      value: 'up',
    });
    expect(rated.body).toMatchObject({ messageId: reply.id, rating: { value: 'up' } });
  });

  it('answers an invalid rating with the documented 400, naming the problem', async () => {
    const harness = visitorHarness();
    const base = { sessionId: 's1', conversationId: 'conv_x', messageId: 'msg_x' };
    for (const [body, details] of [
      [{ ...base, value: 'meh' }, 'value must be "up", "down" or null'],
      [
        { ...base, value: 'up', comment: 'x'.repeat(1001) },
        'comment must be a string of at most 1000 characters, with a value',
      ],
      [
        { ...base, value: null, comment: 'why' },
        'comment must be a string of at most 1000 characters, with a value',
      ],
      [
        { ...base, value: 'up', extra: 1 },
        'Only sessionId, conversationId, messageId, value and comment are allowed',
      ],
      [{ ...base, sessionId: 'bad id', value: 'up' }, 'sessionId must match ^[A-Za-z0-9._:-]{1,128}$'],
    ] as const) {
      expect(await rate(harness, body)).toEqual({
        status: 400,
        body: { error: 'Invalid request payload', details },
      });
    }
  });
});
