import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { proxyTransport } from '@vapi-chat-kit/core';
import { proxyMessageMaxLength } from '@vapi-chat-kit/core/protocol';
import { createEmulator, defaultAssistantId, defaultPrivateKey } from '@vapi-chat-kit/emulator';
import { createMemoryStore, createProxy, silentLogger } from '@vapi-chat-kit/proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatBinding } from '../create-chat-binding';
import { axeViolations } from '../test-support/axe-violations';
import { immediateFrames } from '../test-support/manual-frames';
import { Chat } from './chat';

afterEach(cleanup);

/** The real proxy over the emulator, in-process, with every request it receives recorded. */
function throughProxy() {
  const emulator = createEmulator();
  const app = createProxy({
    upstream: { apiKey: defaultPrivateKey, assistantId: defaultAssistantId, fetch: emulator.fetch },
    widgetKeys: [{ key: 'wk_test_site', allowedOrigins: ['*'] }],
    store: createMemoryStore(),
    logger: silentLogger,
  });
  const requests: string[] = [];
  const transport = proxyTransport({
    baseUrl: 'http://proxy.test',
    widgetKey: 'wk_test_site',
    fetch: async (request) => {
      requests.push(new URL(request.url).pathname);
      return app.request(request);
    },
  });
  return { transport, requests };
}

describe('a message longer than the transport takes', () => {
  it('cannot be sent from the composer, which says how long it is; the text stays', async () => {
    const { transport, requests } = throughProxy();
    const chat = createChatBinding({ transport, scheduleFrame: immediateFrames });
    const view = render(
      <Chat.Root chat={chat}>
        <Chat.Composer />
        <Chat.CharacterCount />
        <Chat.Send>Send</Chat.Send>
      </Chat.Root>,
    );
    const composer = screen.getByRole('textbox', { name: 'Message' });
    const pasted = 'x'.repeat(proxyMessageMaxLength + 213);
    fireEvent.change(composer, { target: { value: pasted } });
    expect(composer).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('4213 / 4000')).toHaveAttribute('data-over-limit', '');
    fireEvent.keyDown(composer, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(requests).toEqual([]);
    expect(composer).toHaveValue(pasted);
    expect(await axeViolations(view.container)).toEqual([]);

    fireEvent.change(composer, { target: { value: pasted.slice(0, proxyMessageMaxLength) } });
    expect(composer).not.toHaveAttribute('aria-invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(requests).toEqual(['/v1/chat/stream']));
  });

  it('sent another way, fails at once with a clear error, without a request', async () => {
    const { transport, requests } = throughProxy();
    const chat = createChatBinding({ transport, scheduleFrame: immediateFrames });
    await chat.actions.send('x'.repeat(proxyMessageMaxLength + 1));
    const state = chat.state.getState();
    expect(requests).toEqual([]);
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('invalid-request');
    expect(state.error?.message).toBe('The message is longer than the 4000 characters a message may have');
    expect(state.messages.at(-1)).toMatchObject({ role: 'user', status: 'failed' });
  });
});
