import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  type Emulator,
  type EmulatorOptions,
} from '@vapi-chat-kit/emulator';
import { createProxy } from '../create-proxy';
import type { LogEntry } from '../logging/logger';
import type { LimitOptions, ProxyOptions } from '../proxy-options';
import type { ConversationStore } from '../store/conversation-store';
import { createMemoryStore } from '../store/memory-store';
import { ManualScheduler } from './manual-scheduler';

export const widgetKey = 'wk_test_public_key';
export const siteOrigin = 'https://shop.example';

/** What the upstream saw: each request's path and JSON body. */
export interface UpstreamCall {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | null;
  /** The upstream request's signal: aborted when the proxy gives up on the turn. */
  readonly signal?: AbortSignal;
}

export interface HarnessOptions {
  readonly store?: ConversationStore;
  readonly limits?: LimitOptions;
  readonly emulator?: EmulatorOptions;
  /** Share one emulator (one "Vapi") between several proxy instances. */
  readonly sharedEmulator?: Emulator;
  readonly proxy?: Partial<ProxyOptions>;
  readonly chain?: 'previous-chat' | 'session';
}

/**
 * A proxy wired to an in-process emulator (no port): the upstream `fetch` records every call and adds
 * `x-emulator-fault: <harness.fault>` so a test can make Vapi misbehave.
 */
export function createHarness(options: HarnessOptions = {}) {
  const emulator = options.sharedEmulator ?? createEmulator({ testMode: true, ...options.emulator });
  const calls: UpstreamCall[] = [];
  const logs: LogEntry[] = [];
  const scheduler = new ManualScheduler();
  const store = options.store ?? createMemoryStore();
  const harness = {
    emulator,
    calls,
    logs,
    scheduler,
    store,
    fault: '',
    app: undefined as unknown as ReturnType<typeof createProxy>,
  };
  const upstreamFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = (await request.clone().json()) as Record<string, unknown>;
    calls.push({
      path: new URL(request.url).pathname,
      body,
      authorization: request.headers.get('authorization'),
      signal: request.signal,
    });
    const headers = new Headers(request.headers);
    if (harness.fault !== '') headers.set('x-emulator-fault', harness.fault);
    return emulator.fetch(new Request(request, { headers }));
  };
  harness.app = createProxy({
    upstream: {
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: 'http://vapi.test',
      fetch: upstreamFetch,
      chain: options.chain ?? 'previous-chat',
    },
    widgetKeys: [{ key: widgetKey, allowedOrigins: [siteOrigin, 'http://localhost:*'] }],
    store,
    limits: options.limits,
    scheduler,
    logger: (entry) => logs.push(entry),
    ...options.proxy,
  });
  return harness;
}

/** A chat turn's request init: JSON body, widget key, site origin, optional extra headers. */
export function turnInit(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': widgetKey, origin: siteOrigin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** Headers for a history read. */
export const historyHeaders = { 'x-api-key': widgetKey, origin: siteOrigin };
