import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { vapiTransport, vapiWebTransport } from '@vapi-chat-kit/core';
import {
  createEmulator,
  defaultAssistantId,
  defaultPrivateKey,
  defaultPublicKey,
  type Emulator,
} from '@vapi-chat-kit/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { immediateFrames } from './test-support/manual-frames';
import { serveOnLoopback } from './test-support/serve-on-loopback';
import { useVapiChat } from './use-vapi-chat';

afterEach(cleanup);

let emulator: Emulator;
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  emulator = createEmulator({ testMode: true, deltaDelayMs: 2 });
  server = await serveOnLoopback(emulator.fetch);
});
afterAll(() => server.close());

describe('over loopback (a real HTTP server on 127.0.0.1)', () => {
  it('streams through vapiTransport and remembers context', async () => {
    const transport = vapiTransport({
      apiKey: defaultPrivateKey,
      assistantId: defaultAssistantId,
      baseUrl: server.url,
      dangerouslyAllowBrowser: true,
    });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    await act(() => result.current.send('My name is Alice'));
    await act(() => result.current.send("What's my name?"));
    await waitFor(() => expect(result.current.messages[3]?.status).toBe('done'));
    expect(result.current.messages[3]?.text).toContain('Alice');
  });

  it('stops through vapiWebTransport: the server sees the disconnect and stops generating', async () => {
    const transport = vapiWebTransport({
      publicKey: defaultPublicKey,
      assistantId: defaultAssistantId,
      baseUrl: server.url,
      headers: { 'x-emulator-fault': 'stall-after=2' },
    });
    const { result } = renderHook(() => useVapiChat({ transport, scheduleFrame: immediateFrames }));
    let sent: Promise<boolean> = Promise.resolve(false);
    act(() => {
      sent = result.current.send('How do I reset my password?');
    });
    await waitFor(() => expect(result.current.messages[1]?.text.length).toBeGreaterThan(0));
    expect(emulator.activeGenerations()).toBe(1);
    act(() => result.current.stop());
    await act(() => sent);
    await waitFor(() => expect(result.current.messages[1]?.status).toBe('stopped'));
    expect(result.current.status).toBe('idle');
    await waitFor(() => expect(emulator.activeGenerations()).toBe(0));
  });
});
