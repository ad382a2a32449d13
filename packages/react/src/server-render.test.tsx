// @vitest-environment node
import { proxyTransport, persistChat, createWebStorage } from '@vapi-chat-kit/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatProvider } from './chat-provider';
import { Chat, useVapiChat } from './index';

/** Each message's text, as a user composes the parts. */
function Transcript() {
  return (
    <Chat.Messages>
      {(id) => (
        <Chat.Message messageId={id}>
          <Chat.MessageText />
        </Chat.Message>
      )}
    </Chat.Messages>
  );
}

function Support() {
  const chat = useVapiChat({
    transport: proxyTransport({ baseUrl: '/api', widgetKey: 'wk_site' }),
    chatId: 'support',
    greeting: 'Hi! How can I help?',
    persist: persistChat('local'),
  });
  return (
    <Chat.Root chat={chat}>
      <Transcript />
      <Chat.StatusBanner />
      <Chat.Composer />
      <Chat.Send>Send</Chat.Send>
    </Chat.Root>
  );
}

describe('on a server (no window, no document)', () => {
  it('imports and renders to a string', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const html = renderToString(<Support />);
    expect(html).toBe(
      '<div data-status="idle"><div role="log" aria-live="polite" aria-label="Messages" aria-busy="false">' +
        '<div data-role="assistant" data-status="done"><div>Hi! How can I help?</div></div></div>' +
        '<textarea aria-label="Message" rows="1" enterKeyHint="send"></textarea>' +
        '<button type="button" aria-disabled="true">Send</button></div>',
    );
  });

  it('renders under a ChatProvider, and web storage holds nothing', () => {
    const html = renderToString(
      <ChatProvider transport={proxyTransport({ baseUrl: '/api' })} greeting="Hello">
        <Chat.Root>
          <Chat.Messages>{(id) => <Chat.Message messageId={id} />}</Chat.Messages>
        </Chat.Root>
      </ChatProvider>,
    );
    expect(html).toContain('data-role="assistant"');
    expect(createWebStorage('local').getItem('anything')).toBe(null);
  });

  it('renders a conversation the server already has (messages), instead of the greeting', () => {
    const messages = [
      { id: 'u1', role: 'user', text: 'Where is my order?', status: 'done', createdAt: 1, turnId: 't1' },
      { id: 'a1', role: 'assistant', text: 'It ships today.', status: 'done', createdAt: 2, turnId: 't1' },
    ] as const;
    function History() {
      const chat = useVapiChat({
        transport: proxyTransport({ baseUrl: '/api' }),
        greeting: 'Hi! How can I help?',
        messages,
        chain: { sessionId: 's1', conversationId: 'conv_1' },
      });
      return (
        <Chat.Root chat={chat}>
          <Transcript />
        </Chat.Root>
      );
    }
    const html = renderToString(<History />);
    expect(html).toContain('<div data-role="user" data-status="done"><div>Where is my order?</div></div>');
    expect(html).toContain('<div>It ships today.</div>');
    expect(html).not.toContain('How can I help');
  });
});
