import type { ChatMessage, ChatTransport } from '@vapi-chat-kit/core';
import { Chat, useVapiChat } from '@vapi-chat-kit/react';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import '../styles.css';

let partWindows = 0;

/**
 * A part of the window shown on its own: a `.vck-window` root (where the `--vck-*` tokens live) over a
 * chat of its own, with `history` restored before the first paint.
 *
 * @example
 * <PartWindow transport={scriptedChatTransport([{ text: 'Hi!' }])}><ChatComposerBar /></PartWindow>
 */
export function PartWindow({
  transport,
  history,
  height,
  chain,
  children,
}: {
  readonly transport: ChatTransport;
  readonly history?: readonly ChatMessage[] | undefined;
  readonly height?: number | undefined;
  /** The chain restored with `history` (a proxy conversation's, for parts that talk to the proxy). */
  readonly chain?: { readonly sessionId?: string; readonly conversationId?: string } | undefined;
  readonly children: ReactNode;
}) {
  const [chatId] = useState(() => `part-window-${(partWindows += 1)}`);
  const chat = useVapiChat({ transport, chatId });
  useLayoutEffect(() => {
    if (history) chat.restore({ messages: [...history], chain: chain ?? { chatId: 'restored' } });
    // Restore once, before the first paint.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Chat.Root chat={chat} className="vck-window" data-theme="light" style={{ width: 400, height }}>
      {children}
    </Chat.Root>
  );
}

/**
 * A part that needs no chat, on a `.vck-window` root so that it has the kit's tokens and styles.
 *
 * @example
 * <PartFrame><JumpToLatest count={2} onClick={() => {}} /></PartFrame>
 */
export function PartFrame({ children }: { readonly children: ReactNode }) {
  return (
    <div className="vck-window" data-theme="light" style={{ width: 400, padding: 16 }}>
      {children}
    </div>
  );
}
