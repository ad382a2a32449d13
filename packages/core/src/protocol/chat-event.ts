import type { VapiChatError } from '../errors/vapi-chat-error';

/**
 * The one event union every wire format is normalised to. A reply is `turn-start`, any number of
 * `text-delta`, then `turn-end`; or it stops with `error` (the text seen so far is kept by the store).
 *
 * The ids say how to continue the conversation: `chatId` chains as Vapi's `previousChatId`,
 * `sessionId` is a Vapi session (or the proxy's client-made session key), `conversationId` is the proxy's.
 *
 * @example
 * for await (const event of readChatEvents(response.body, 'vapi-chat')) {
 *   switch (event.type) {
 *     case 'turn-start': break;
 *     case 'text-delta': process.stdout.write(event.text); break;
 *     case 'turn-end': console.log('\nchain with', event.chatId); break;
 *     case 'error': console.error(event.error.code); break;
 *     default: event satisfies never;
 *   }
 * }
 */
export type ChatEvent =
  | {
      readonly type: 'turn-start';
      readonly chatId?: string | undefined;
      readonly sessionId?: string | undefined;
      readonly conversationId?: string | undefined;
    }
  | { readonly type: 'text-delta'; readonly text: string }
  | {
      readonly type: 'turn-end';
      readonly chatId?: string | undefined;
      readonly sessionId?: string | undefined;
      readonly conversationId?: string | undefined;
      /** The whole reply. Authoritative: where a final `output` disagrees with the deltas, this is it. */
      readonly text: string;
      /** The proxy's id of the stored reply (what a rating names). */
      readonly messageId?: string | undefined;
    }
  | { readonly type: 'error'; readonly error: VapiChatError };

/** The stream formats `readChatEvents` understands. */
export type ChatStreamFormat = 'vapi-chat' | 'vapi-responses' | 'proxy';
