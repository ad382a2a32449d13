import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
  type EmulatorOptions,
} from '@vapi-chat-kit/emulator';
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../protocol/chat-event';
import type { ChatChain, ChatContextMessage, ChatTransport } from './chat-transport';
import { responsesTransport } from './responses-transport';
import type { VapiChainNotice } from './vapi-chaining';
import { vapiTransport } from './vapi-transport';
import { vapiWebTransport } from './vapi-web-transport';

/** The emulator as Vapi, with every request it gets recorded; `chatFault` goes on each chat turn only. */
function vapi(options: EmulatorOptions = {}, chatFault?: string) {
  const emulator = createEmulator({ testMode: true, ...options });
  const requests: { path: string; body: Record<string, unknown>; userAgent: string | null }[] = [];
  const fetch = async (request: Request) => {
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const path = new URL(request.url).pathname;
    requests.push({
      path,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      userAgent: request.headers.get('user-agent'),
    });
    if (chatFault === undefined || !path.startsWith('/chat')) return emulator.fetch(request);
    const headers = new Headers(request.headers);
    headers.set('x-emulator-fault', chatFault);
    return emulator.fetch(new Request(request, { headers }));
  };
  return { emulator, requests, fetch };
}

/** A conversation driven like the store drives it: the chain moves on turn-end, the history grows. */
function conversation(transport: ChatTransport) {
  let chain: ChatChain = {};
  const history: ChatContextMessage[] = [];
  return {
    get chain() {
      return chain;
    },
    async say(text: string) {
      const events: ChatEvent[] = [];
      for await (const event of transport.sendTurn({ text, chain, history: [...history], turnId: text })) {
        events.push(event);
      }
      const end = events.at(-1);
      if (end?.type === 'turn-end') {
        chain = { chatId: end.chatId, sessionId: end.sessionId ?? chain.sessionId };
        history.push({ role: 'user', content: text }, { role: 'assistant', content: end.text });
        return { text: end.text, error: undefined };
      }
      return { text: undefined, error: end?.type === 'error' ? end.error : undefined };
    },
  };
}

const privateBase = {
  apiKey: defaultPrivateKey,
  assistantId: defaultAssistantId,
  baseUrl: 'http://vapi.test',
};
const publicBase = {
  publicKey: defaultPublicKey,
  assistantId: defaultAssistantId,
  baseUrl: 'http://vapi.test',
};

describe('Vapi chaining', () => {
  it('a refused previousChatId (a stream id, not a chat id) moves the conversation to a session, with its context, once', async () => {
    const { requests, fetch } = vapi({ variants: ['distinct-stream-id'] });
    const notices: VapiChainNotice[] = [];
    const chat = conversation(
      vapiTransport({ ...privateBase, fetch, onChainReplaced: (n) => notices.push(n) }),
    );

    await chat.say('My name is Alice');
    expect(chat.chain.chatId).toMatch(/^stream_/);
    expect((await chat.say("What's my name?")).text).toContain('Your name is Alice');
    expect((await chat.say('Who am I?')).text).toContain('Your name is Alice');

    expect(notices).toEqual([
      {
        reason: 'refused',
        previous: 'previous-chat',
        status: 404,
        messages: 2,
        message:
          "Vapi refused the conversation's previous chat (404); it continues in a new session, given its 2 earlier messages as context",
      },
    ]);
    expect(requests.map((request) => request.path)).toEqual(['/chat', '/chat', '/session', '/chat', '/chat']);
    expect(requests[3]?.body).toEqual({
      sessionId: chat.chain.sessionId,
      input: [
        { role: 'user', content: 'My name is Alice' },
        { role: 'assistant', content: expect.stringContaining('Nice to meet you, Alice') as string },
        { role: 'user', content: "What's my name?" },
      ],
      stream: true,
    });
    // From then on the session carries the context: the next turn sends only its own text.
    expect(requests[4]?.body).toEqual({ sessionId: chat.chain.sessionId, input: 'Who am I?', stream: true });
  });

  it('an expired session is replaced by a new one given the conversation, so the assistant still knows it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { requests, fetch } = vapi({ now: () => new Date(now) });
    const notices: VapiChainNotice[] = [];
    const chat = conversation(
      vapiTransport({ ...privateBase, chaining: 'session', fetch, onChainReplaced: (n) => notices.push(n) }),
    );
    await chat.say('My name is Alice');
    const first = chat.chain.sessionId;
    now += 25 * 60 * 60 * 1000;
    expect((await chat.say("What's my name?")).text).toContain('Your name is Alice');
    expect(chat.chain.sessionId).not.toBe(first);
    expect(notices.map((notice) => [notice.reason, notice.previous, notice.status])).toEqual([
      ['refused', 'session', 400],
    ]);
    expect(requests.map((request) => request.path)).toEqual([
      '/session',
      '/chat',
      '/chat',
      '/session',
      '/chat',
    ]);
  });

  it('a chain Vapi forgot (404 for the session) is rebuilt the same way, with the 400 variant too', async () => {
    for (const variants of [[], ['unknown-reference-400']] as const) {
      const { emulator, fetch } = vapi({ variants });
      const chat = conversation(
        vapiTransport({ ...privateBase, chaining: 'session', fetch, onChainReplaced: () => {} }),
      );
      await chat.say('My name is Alice');
      emulator.reset();
      expect((await chat.say("What's my name?")).text).toContain('Your name is Alice');
    }
  });

  it('/chat/web: an unknown session (404) goes on in a new web session given the conversation', async () => {
    const { emulator, requests, fetch } = vapi();
    const notices: VapiChainNotice[] = [];
    const chat = conversation(
      vapiWebTransport({ ...publicBase, fetch, onChainReplaced: (n) => notices.push(n) }),
    );
    await chat.say('My name is Alice');
    const first = chat.chain.sessionId;
    emulator.reset();
    expect((await chat.say("What's my name?")).text).toContain('Your name is Alice');
    expect(chat.chain.sessionId).not.toBe(first);
    expect(notices.map((notice) => notice.reason)).toEqual(['refused']);
    expect(requests.map((request) => request.body['sessionId'] ?? null)).toEqual([null, first, null]);
  });

  it('/chat/web: a session Vapi quietly replaced (expired, or unknown and replaced) is asked again with the context', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    for (const options of [
      { now: () => new Date(now) },
      { variants: ['web-unknown-session-new'] as const },
    ]) {
      const { emulator, requests, fetch } = vapi(options);
      const notices: VapiChainNotice[] = [];
      const chat = conversation(
        vapiWebTransport({ ...publicBase, fetch, onChainReplaced: (n) => notices.push(n) }),
      );
      await chat.say('My name is Alice');
      now += 25 * 60 * 60 * 1000;
      if (options.variants) emulator.reset();
      const answer = await chat.say("What's my name?");
      expect(answer.text).toContain('Your name is Alice');
      expect(notices.map((notice) => notice.reason)).toEqual(['replaced']);
      expect(requests).toHaveLength(3);
    }
  });

  it('a Responses stream with no response.completed leaves no chat id: the next turn rebuilds the context', async () => {
    const { requests, fetch } = vapi({ variants: ['responses-no-completed'] });
    const notices: VapiChainNotice[] = [];
    const chat = conversation(
      responsesTransport({ ...privateBase, fetch, onChainReplaced: (n) => notices.push(n) }),
    );
    expect((await chat.say('My name is Alice')).text).toContain('Nice to meet you, Alice');
    expect(chat.chain).toEqual({ chatId: undefined, sessionId: undefined });
    expect((await chat.say("What's my name?")).text).toContain('Your name is Alice');
    expect(notices.map((notice) => [notice.reason, notice.previous])).toEqual([['lost', 'none']]);
    expect(requests.map((request) => request.path)).toEqual([
      '/chat/responses',
      '/session',
      '/chat/responses',
    ]);
  });

  it('413 and 422 are not about the chain: the turn fails on its session and no new one is made', async () => {
    for (const status of [413, 422]) {
      const { requests, fetch } = vapi({}, `status=${status}`);
      const transport = vapiTransport({
        ...privateBase,
        chaining: 'session',
        fetch,
        onChainReplaced: () => {},
      });
      const events: ChatEvent[] = [];
      for await (const event of transport.sendTurn({
        text: 'Hi',
        chain: { sessionId: 'kept' },
        turnId: 't',
      })) {
        events.push(event);
      }
      expect(events.map((event) => (event.type === 'error' ? event.error.status : event.type))).toEqual([
        status,
      ]);
      expect(requests.map((request) => request.path)).toEqual(['/chat']);
    }
  });

  it('a refusal is replaced once: a second refusal is the turn’s error', async () => {
    const { requests, fetch } = vapi({}, 'status=400');
    const notices: VapiChainNotice[] = [];
    const transport = vapiTransport({
      ...privateBase,
      chaining: 'session',
      fetch,
      onChainReplaced: (notice) => notices.push(notice),
    });
    const events: ChatEvent[] = [];
    const history = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ] as const;
    for await (const event of transport.sendTurn({
      text: 'Again',
      chain: { sessionId: 'old' },
      history,
      turnId: 't',
    })) {
      events.push(event);
    }
    expect(events.map((event) => (event.type === 'error' ? event.error.code : event.type))).toEqual([
      'invalid-request',
    ]);
    expect(requests.map((request) => request.path)).toEqual(['/chat', '/session', '/chat']);
    expect(notices).toHaveLength(1);
  });

  it('server transports send a User-Agent, so Cloudflare does not refuse them (403 error code: 1010)', async () => {
    const { requests, fetch } = vapi({ variants: ['user-agent-required'] });
    for (const transport of [
      vapiTransport({ ...privateBase, fetch }),
      vapiTransport({ ...privateBase, chaining: 'session', fetch }),
      responsesTransport({ ...privateBase, fetch }),
      vapiWebTransport({ ...publicBase, fetch }),
    ]) {
      expect((await conversation(transport).say('My name is Alice')).text).toContain('Alice');
    }
    expect(new Set(requests.map((request) => request.userAgent))).toEqual(new Set(['vapi-chat-kit']));
  });
});
