import {
  AbortedError,
  NetworkError,
  type ChatEvent,
  type ChatMessage,
  type ChatTransport,
} from '@vapi-chat-kit/core';
import { useLayoutEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { Chat } from '../primitives/chat';
import { useVapiChat } from '../use-vapi-chat';
import { timedTransport } from './timed-transport';

/** The frame of the parts' stories: no kit styles, a user's own plain markup. */
export const partFrame: CSSProperties = {
  width: 380,
  fontFamily: 'system-ui, sans-serif',
  border: '1px solid #8a8f98',
  borderRadius: 8,
  padding: 12,
};

/** Replies a help desk might give, streamed a few characters at a time. */
export function helpDesk(options: { delayMs?: number; maxMessageLength?: number } = {}): ChatTransport {
  return timedTransport(
    (text) =>
      /password/i.test(text)
        ? 'To reset your password, open Settings, then Security, and choose Reset password. The link we email you works for 24 hours.'
        : `Thanks for asking about "${text}". Here is a long answer, so that there is time to stop it part-way: `.repeat(
            3,
          ),
    options,
  );
}

/**
 * A transport whose first reply is cut part-way (the connection drops: a `NetworkError` after some text),
 * and which answers in full from then on, as a flaky network does.
 */
export function cutOnce(reply = 'Your plan changes at the end of the billing period.'): ChatTransport {
  let turns = 0;
  return {
    async *sendTurn({ signal }): AsyncIterable<ChatEvent> {
      turns += 1;
      const cut = turns === 1;
      yield { type: 'turn-start', chatId: `chat-${turns}` };
      const shown = cut ? reply.slice(0, 16) : reply;
      for (let at = 0; at < shown.length; at += 4) {
        await new Promise((resolve) => setTimeout(resolve, 15));
        if (signal?.aborted === true) {
          yield { type: 'error', error: new AbortedError() };
          return;
        }
        yield { type: 'text-delta', text: shown.slice(at, at + 4) };
      }
      if (cut) {
        yield { type: 'error', error: new NetworkError('The connection was lost.') };
        return;
      }
      yield { type: 'turn-end', chatId: `chat-${turns}`, text: reply };
    },
  };
}

/** A short restored conversation: a question, its answer, and a turn that began a new session. */
export const partHistory: readonly ChatMessage[] = [
  {
    id: 'h1',
    role: 'user',
    text: 'How do I reset my password?',
    status: 'done',
    createdAt: 1_700_000_000_000,
    turnId: 't1',
  },
  {
    id: 'h2',
    role: 'assistant',
    text: 'Open Settings, then Security, and choose Reset password.',
    status: 'done',
    createdAt: 1_700_000_001_000,
    turnId: 't1',
  },
  {
    id: 'h3',
    role: 'user',
    text: 'And my API key?',
    status: 'done',
    createdAt: 1_700_090_000_000,
    turnId: 't2',
    newSession: true,
  },
  {
    id: 'h4',
    role: 'assistant',
    text: 'It is under Dashboard, then API keys.',
    status: 'done',
    createdAt: 1_700_090_001_000,
    turnId: 't2',
  },
];

let partChats = 0;

/**
 * A `Chat.Root` over a chat of its own (a fresh `chatId` per mount), with `history` restored before the
 * first paint; the part shown goes inside.
 *
 * @example
 * <PartChat transport={helpDesk()}><Chat.Composer /><Chat.Send>Send</Chat.Send></PartChat>
 */
export function PartChat({
  transport,
  history,
  children,
}: {
  readonly transport: ChatTransport;
  readonly history?: readonly ChatMessage[] | undefined;
  readonly children: ReactNode;
}) {
  const [chatId] = useState(() => `part-${(partChats += 1)}`);
  const chat = useVapiChat({ transport, chatId });
  useLayoutEffect(() => {
    if (history) chat.restore({ messages: [...history], chain: { chatId: 'restored' } });
    // Restore once, before the first paint.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <Chat.Root chat={chat} style={partFrame}>
      {children}
    </Chat.Root>
  );
}

/** The thread of the parts' stories: each message's text, in plain markup. */
export function PlainThread() {
  return (
    <Chat.Messages style={{ maxHeight: 260, overflowY: 'auto' }}>
      {(id) => (
        <Chat.Message messageId={id} style={{ margin: '6px 0' }}>
          <Chat.MessageText />
        </Chat.Message>
      )}
    </Chat.Messages>
  );
}

/**
 * A chat whose first reply is cut part-way ({@link cutOnce}): each message shows its text, then `children`
 * (the error parts a story shows), and a composer to ask with.
 *
 * @example
 * <CutChat><Chat.ErrorMessage /><Chat.Retry>Retry</Chat.Retry></CutChat>
 */
export function CutChat({ children }: { readonly children: ReactNode }) {
  return (
    <PartChat transport={cutOnce()}>
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.MessageText />
            {children}
          </Chat.Message>
        )}
      </Chat.Messages>
      <Chat.Composer />
    </PartChat>
  );
}
