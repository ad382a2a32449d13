import {
  proxyTransport,
  responsesTransport,
  vapiTransport,
  vapiWebTransport,
  type ChatMessage,
  type ChatState,
  type ChatTransport,
  type VapiChainNotice,
} from '@vapi-chat-kit/core';
import { createChatStore, type ChatStore } from '@vapi-chat-kit/core/protocol';
import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
  type Emulator,
  type EmulatorVariantName,
} from '@vapi-chat-kit/emulator';
import { createMemoryStore, createProxy, whenTurnsFinished, type LogEntry } from '@vapi-chat-kit/proxy';

/** Every way the kit reaches Vapi. */
export const transportNames = [
  'vapiTransport previous-chat',
  'vapiTransport session',
  'vapiWebTransport',
  'responsesTransport',
  'proxyTransport → proxy previous-chat',
  'proxyTransport → proxy session',
] as const;
export type TransportName = (typeof transportNames)[number];

const vapiBaseUrl = 'https://api.vapi.ai';
const widgetKey = 'wk_contract';
const turnPaths = new Set(['/chat', '/chat/web', '/chat/responses']);

/**
 * One conversation's world: Vapi (the emulator, with a variant and its own clock), the transport under test
 * (through the real proxy app for `proxyTransport`), the chat store a user's app would make, and what the
 * kit told its operator (chain notices, proxy log lines). Nothing runs over a port; nothing is mocked.
 */
export interface World {
  readonly emulator: Emulator;
  readonly store: ChatStore;
  /** The `x-emulator-fault` of the next chat turns sent to Vapi; '' for none. */
  fault: string;
  /** Moves Vapi's clock. */
  advance(ms: number): void;
  /** Waits until the proxy (if any) has stored every turn it ran. */
  settled(): Promise<void>;
  /** How many times the kit said a chain was replaced, per attempt (a send or a retry). */
  readonly chainNotices: number[];
  /** Lines the store wrote that break a rule: text shortened or removed, a turn that ended silently. */
  readonly violations: string[];
  /** Marks a reply the next retry replaces, so its removal is expected. */
  expectReplaced(messageId: string): void;
  readonly usesProxy: boolean;
}

export function createWorld(variant: EmulatorVariantName | 'baseline', transportName: TransportName): World {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const emulator = createEmulator({
    testMode: true,
    now: () => new Date(clock),
    variants: variant === 'baseline' ? [] : [variant],
  });
  const chainNotices: number[] = [];
  const violations: string[] = [];
  const replaced = new Set<string>();
  let attempt = 0;
  const noteChainReplaced = (_notice?: VapiChainNotice): void => {
    chainNotices[attempt] = (chainNotices[attempt] ?? 0) + 1;
  };

  const world: Partial<World> & { fault: string } = { fault: '' };
  // The network between the kit and Vapi: it adds the scenario's fault to chat turns only.
  const vapiFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (world.fault === '' || request.method !== 'POST' || !turnPaths.has(new URL(request.url).pathname)) {
      return emulator.fetch(request);
    }
    const headers = new Headers(request.headers);
    headers.set('x-emulator-fault', world.fault);
    return emulator.fetch(new Request(request, { headers }));
  };

  const privateOptions = {
    apiKey: defaultPrivateKey,
    assistantId: defaultAssistantId,
    baseUrl: vapiBaseUrl,
    fetch: vapiFetch,
    onChainReplaced: noteChainReplaced,
  };
  let transport: ChatTransport;
  let proxy: ReturnType<typeof createProxy> | undefined;
  switch (transportName) {
    case 'vapiTransport previous-chat':
      transport = vapiTransport({ ...privateOptions, chaining: 'previous-chat' });
      break;
    case 'vapiTransport session':
      transport = vapiTransport({ ...privateOptions, chaining: 'session' });
      break;
    case 'responsesTransport':
      transport = responsesTransport(privateOptions);
      break;
    case 'vapiWebTransport':
      transport = vapiWebTransport({
        publicKey: defaultPublicKey,
        assistantId: defaultAssistantId,
        baseUrl: vapiBaseUrl,
        fetch: vapiFetch,
        onChainReplaced: noteChainReplaced,
      });
      break;
    case 'proxyTransport → proxy previous-chat':
    case 'proxyTransport → proxy session': {
      const app = createProxy({
        upstream: {
          apiKey: defaultPrivateKey,
          assistantId: defaultAssistantId,
          baseUrl: vapiBaseUrl,
          fetch: vapiFetch,
          chain: transportName.endsWith('session') ? 'session' : 'previous-chat',
        },
        widgetKeys: [{ key: widgetKey, allowedOrigins: ['*'] }],
        store: createMemoryStore(),
        remoteAddress: () => '203.0.113.7',
        logger: (entry: LogEntry) => {
          if (entry['event'] === 'chain-replaced') noteChainReplaced();
        },
      });
      proxy = app;
      transport = proxyTransport({
        baseUrl: 'https://chat.example',
        widgetKey,
        fetch: async (request) => app.fetch(request),
      });
      break;
    }
    default:
      transportName satisfies never;
      throw new Error('unknown transport');
  }

  const counted: ChatTransport = {
    sendTurn: (request) => {
      attempt += 1;
      return transport.sendTurn(request);
    },
  };
  // A 429 is waited out by the store; nothing here should be rate limited, so none is retried silently.
  const store = createChatStore({ transport: counted, rateLimit: { maxRetries: 0 } });
  store.subscribe((state, previous) => checkTransition(previous, state, replaced, violations));

  return Object.assign(world, {
    emulator,
    store,
    advance: (ms: number) => {
      clock += ms;
    },
    settled: async () => {
      if (proxy !== undefined) await whenTurnsFinished(proxy);
    },
    chainNotices,
    violations,
    expectReplaced: (messageId: string) => replaced.add(messageId),
    usesProxy: proxy !== undefined,
  });
}

/** A reply the user saw is never shortened, replaced or removed (but by the Retry that replaces it). */
function checkTransition(
  previous: ChatState,
  next: ChatState,
  replaced: ReadonlySet<string>,
  violations: string[],
): void {
  const byId = new Map<string, ChatMessage>(next.messages.map((message) => [message.id, message]));
  for (const before of previous.messages) {
    if (before.role !== 'assistant' || before.text === '') continue;
    const after = byId.get(before.id);
    if (after === undefined) {
      if (!replaced.has(before.id)) violations.push(`the reply "${preview(before.text)}" disappeared`);
    } else if (!after.text.startsWith(before.text)) {
      violations.push(`the reply "${preview(before.text)}" became "${preview(after.text)}"`);
    }
  }
  // A turn that ended (busy → idle) without being stopped left a reply; otherwise it is an error.
  const turn = previous.activeTurn;
  if (turn !== undefined && next.activeTurn === undefined && next.status === 'idle') {
    const user = next.messages.find((message) => message.id === turn.userMessageId);
    const reply = next.messages.find((message) => message.id === turn.assistantMessageId);
    if (user?.status !== 'stopped' && (reply === undefined || reply.text === '')) {
      violations.push('a turn ended with no reply and no error');
    }
  }
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
