import { act, cleanup } from '@testing-library/react';
import { proxyTransport, persistChat, toChatSnapshotJson } from '@vapi-chat-kit/core';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Chat } from './primitives/chat';
import { immediateFrames } from './test-support/manual-frames';
import { useVapiChat } from './use-vapi-chat';

afterEach(cleanup);

const transport = proxyTransport({ baseUrl: '/api', widgetKey: 'wk_site' });

function Support() {
  const chat = useVapiChat({
    transport,
    chatId: 'support',
    greeting: 'Hi! How can I help?',
    scheduleFrame: immediateFrames,
    persist: persistChat('local'),
  });
  return (
    <Chat.Root chat={chat}>
      <p>
        {chat.messages.length} messages, {chat.status}
      </p>
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.MessageText />
          </Chat.Message>
        )}
      </Chat.Messages>
      <Chat.StatusBanner />
      <Chat.Composer />
      <Chat.Send>Send</Chat.Send>
    </Chat.Root>
  );
}

describe('hydration', () => {
  it('hydrates server HTML without a mismatch, then shows the transcript restored from localStorage', async () => {
    window.localStorage.clear();
    const html = renderToString(<Support />);
    expect(html).toContain('<p>1<!-- --> messages, <!-- -->idle</p>');
    window.localStorage.setItem(
      'vapi-chat-kit:support',
      JSON.stringify(
        toChatSnapshotJson({
          messages: [
            {
              id: 'u1',
              role: 'user',
              text: 'Where is my order?',
              status: 'done',
              createdAt: 0,
              turnId: 't1',
            },
            {
              id: 'a1',
              role: 'assistant',
              text: 'It ships today.',
              status: 'done',
              createdAt: 1,
              turnId: 't1',
            },
          ],
          chain: { sessionId: 's1', conversationId: 'c1' },
          chainsBeforeTurn: { t1: {} },
        }),
      ),
    );
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const recoverable: unknown[] = [];
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, <Support />, { onRecoverableError: (error) => recoverable.push(error) });
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).toEqual([]);
    expect(container.querySelector('p')?.textContent).toBe('2 messages, idle');
    expect([...container.querySelectorAll('[data-role]')].map((element) => element.textContent)).toEqual([
      'Where is my order?',
      'It ships today.',
    ]);
    errors.mockRestore();
    act(() => root?.unmount());
    container.remove();
    window.localStorage.clear();
  });
});
