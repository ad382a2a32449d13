import type { ChatMessage, ChatTransport } from '@vapi-chat-kit/core';
import { useVapiChat } from '@vapi-chat-kit/react';
import { useEffect, useLayoutEffect, useState } from 'react';
import { ChatWindow, type ChatWindowProps } from '../chat-window/chat-window';
import { labelsEn, labelsFr } from '../labels/chat-labels';
import '../styles.css';

let storyChatCount = 0;

/** Props of {@link StoryChat}. */
export interface StoryChatProps extends Omit<ChatWindowProps, 'chat'> {
  readonly transport: ChatTransport;
  readonly greeting?: string | undefined;
  /** A transcript restored before the first paint. */
  readonly history?: readonly ChatMessage[] | undefined;
  /** Sent once on mount (to show a state that needs a turn in flight). */
  readonly sendOnMount?: string | undefined;
  /** The kit's labels in this language (the toolbar's Language switch); replaces `labels`. */
  readonly lang?: 'en' | 'fr' | undefined;
  /** The frame's size. @default 400 × 640 */
  readonly width?: number | string | undefined;
  readonly height?: number | string | undefined;
}

/**
 * A `ChatWindow` over its own chat (a fresh `chatId` per mount), for stories and tests.
 *
 * @example
 * <StoryChat transport={scriptedChatTransport([{ text: 'Hi!' }])} greeting="Hello" />
 */
export function StoryChat({
  transport,
  greeting,
  history,
  sendOnMount,
  lang,
  width = 400,
  height = 640,
  ...props
}: StoryChatProps) {
  const [chatId] = useState(() => `story-${(storyChatCount += 1)}`);
  const chat = useVapiChat({ transport, greeting, chatId });
  useLayoutEffect(() => {
    if (history) chat.restore({ messages: history, chain: { chatId: 'restored' } });
    // Restore once, before the first paint.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (sendOnMount) void chat.send(sendOnMount);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div style={{ width, height, maxWidth: '100%' }}>
      <ChatWindow
        chat={chat}
        {...props}
        labels={lang === 'fr' ? labelsFr : lang === 'en' ? labelsEn : props.labels}
      />
    </div>
  );
}

/**
 * Makes a transcript of `count` messages, alternating user and assistant.
 *
 * @example
 * const history = makeHistory(1000);
 */
export function makeHistory(count: number, texts?: readonly (string | undefined)[]): ChatMessage[] {
  const userTexts = [
    'How do I reset my password?',
    'Can I change my plan later?',
    'Where do I find my API key?',
    'Thanks!',
  ];
  const replyTexts = [
    'Open **Settings → Security** and choose *Reset password*. We email you a link that works for 24 hours.',
    'Yes. Plans change at the end of the billing period; see [pricing](https://example.com/pricing).',
    'Your key is under `Dashboard → API keys`. Keep it secret: use the proxy in browsers.',
    'You are welcome! Anything else?',
  ];
  return Array.from({ length: count }, (_, index) => {
    const role = index % 2 === 0 ? 'user' : 'assistant';
    const pool = role === 'user' ? userTexts : replyTexts;
    return {
      id: `history-${index}`,
      role,
      text: texts?.[index] ?? pool[Math.floor(index / 2) % pool.length] ?? '',
      status: 'done',
      createdAt: 1_700_000_000_000 + index * 60_000,
      turnId: `turn-${Math.floor(index / 2)}`,
    } satisfies ChatMessage;
  });
}
