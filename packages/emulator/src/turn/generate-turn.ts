import type { ResolvedAssistant } from '../model/assistant-config';
import { techflowReply } from '../model/techflow-reply';
import type { ChatMessage } from '../protocol/chat-message';

/** What the fake model produced for one turn. */
export interface GeneratedTurn {
  /** The new messages: one assistant message, or the scripted tool-call trio. */
  readonly output: readonly ChatMessage[];
  /** The text that is streamed. */
  readonly text: string;
  /** Index in `output` of the message whose text is streamed (`chat.output[N].content`). */
  readonly textOutputIndex: number;
}

/**
 * Runs the fake model on a conversation. With `toolCalls`, the turn is the scripted multi-output
 * shape of reference §13.2 (Q7): an assistant message with `tool_calls`, the `tool` result, then the
 * assistant's text.
 *
 * @example
 * generateTurn([{ role: 'user', content: 'Hi' }], assistant, { toolCalls: false, createId });
 */
export function generateTurn(
  conversation: readonly ChatMessage[],
  assistant: ResolvedAssistant,
  settings: { readonly toolCalls: boolean; readonly createId: () => string },
): GeneratedTurn {
  const lastUser = [...conversation].reverse().find((message) => message.role === 'user');
  const userText = typeof lastUser?.content === 'string' ? lastUser.content : '';
  const model = assistant.reply ?? techflowReply;
  const text = model({ messages: conversation, assistant, userText });
  const reply: ChatMessage = { role: 'assistant', content: text };
  if (!settings.toolCalls) return { output: [reply], text, textOutputIndex: 0 };

  const toolCallId = `call_${settings.createId()}`;
  return {
    output: [
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: toolCallId,
            type: 'function',
            function: { name: 'search_knowledge_base', arguments: JSON.stringify({ query: userText }) },
          },
        ],
      },
      { role: 'tool', content: JSON.stringify({ results: 1 }), tool_call_id: toolCallId },
      reply,
    ],
    text,
    textOutputIndex: 2,
  };
}
