import { Chat, useVapiChat } from '@vapi-chat-kit/react';
import type { ChatTransport } from '@vapi-chat-kit/core';
import type { ChatComponents } from '../components/chat-components';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { ChatThread } from '../chat-window/chat-window';

/** The slots the stories show: an avatar, actions, a timestamp around each message, a plain code block. */
export const storySlots = {
  avatar: {
    Avatar: ({ message }) =>
      message.role === 'assistant' ? (
        <span className="story-avatar" aria-hidden="true">
          TF
        </span>
      ) : null,
  },
  actions: {
    MessageActions: ({ message }) =>
      message.role === 'assistant' && message.status === 'done' ? (
        <button
          type="button"
          className="vck-icon-button"
          onClick={() => void navigator.clipboard?.writeText(message.text)}
        >
          Copy
        </button>
      ) : null,
  },
  message: {
    Message: ({ message, children }) => (
      <>
        {children}
        <time className="story-time" dateTime={new Date(message.createdAt).toISOString()}>
          {new Date(message.createdAt).toISOString().slice(11, 16)}
        </time>
      </>
    ),
  },
  codeBlock: {
    CodeBlock: ({ code, language }) => (
      <pre className="story-code" data-language={language}>
        <code>{code}</code>
      </pre>
    ),
  },
} satisfies Record<string, ChatComponents>;

/** A window of the app's own layout: its header, the kit's exported thread and composer bar. */
export function OwnLayout({ transport }: { readonly transport: ChatTransport }) {
  const chat = useVapiChat({ transport, chatId: 'story-own-layout', greeting: 'Hi! Ask me anything.' });
  return (
    <div style={{ width: 400, height: 560 }}>
      <Chat.Root chat={chat} className="vck-window" role="region" aria-label="Help desk">
        <div style={{ padding: 12, borderBlockEnd: '1px solid var(--vck-border)' }}>
          <h2 style={{ margin: 0, fontSize: 16 }}>Our own header</h2>
        </div>
        <ChatThread suggestions={['Where is my API key?']} />
        <div className="vck-footer">
          <ChatComposerBar />
        </div>
      </Chat.Root>
    </div>
  );
}
