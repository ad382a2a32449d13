import { ChatCharacterCount, ChatComposer, ChatRegenerate, ChatSend, ChatStop } from './chat-composer';
import { ChatErrorMessage, ChatMessage, ChatMessageText, ChatRetry, ChatSessionMarker } from './chat-message';
import { ChatMessages } from './chat-messages';
import { ChatRoot } from './chat-root';
import { ChatStatusBanner } from './chat-status-banner';

/**
 * The unstyled parts of a chat, as one namespace (each is also exported by its full name).
 *
 * @example
 * <Chat.Root chat={chat}>
 *   <Chat.Messages>
 *     {(id) => (
 *       <Chat.Message messageId={id}>
 *         <Chat.SessionMarker />
 *         <Chat.MessageText />
 *         <Chat.ErrorMessage />
 *         <Chat.Retry>Retry</Chat.Retry>
 *       </Chat.Message>
 *     )}
 *   </Chat.Messages>
 *   <Chat.StatusBanner />
 *   <Chat.Composer />
 *   <Chat.Send>Send</Chat.Send>
 *   <Chat.Stop>Stop</Chat.Stop>
 * </Chat.Root>
 */
export const Chat = {
  Root: ChatRoot,
  Messages: ChatMessages,
  Message: ChatMessage,
  MessageText: ChatMessageText,
  SessionMarker: ChatSessionMarker,
  ErrorMessage: ChatErrorMessage,
  Retry: ChatRetry,
  Composer: ChatComposer,
  CharacterCount: ChatCharacterCount,
  Send: ChatSend,
  Stop: ChatStop,
  Regenerate: ChatRegenerate,
  StatusBanner: ChatStatusBanner,
} as const;
