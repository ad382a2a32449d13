import type { ChatMessage } from '@vapi-chat-kit/core';
import { createContext, useContext, type ComponentType, type ReactNode } from 'react';

/**
 * Props of a message slot.
 *
 * @example
 * const Stamp = ({ message, children }: ChatMessageSlotProps) => <>{children}<time>{message.createdAt}</time></>;
 */
export interface ChatMessageSlotProps {
  readonly message: ChatMessage;
  /** The kit's rendering of the message (bubble, avatar, actions, Retry): keep it, wrap it, or drop it. */
  readonly children: ReactNode;
}

/**
 * Props of a code block slot: the fence's code and its info word.
 *
 * @example
 * const Highlighted = ({ code, language }: ChatCodeBlockProps) => <pre data-language={language}>{code}</pre>;
 */
export interface ChatCodeBlockProps {
  readonly code: string;
  readonly language?: string | undefined;
}

/**
 * What a window renders its own way, without rebuilding it from parts. Each slot is optional; the kit's
 * rendering stays where one is not given. Pass one object made outside render (or memoised).
 *
 * @example
 * <ChatWindow components={{ Avatar: ({ message }) => message.role === 'assistant' ? <img src="/bot.png" alt="" /> : null }} />
 */
export interface ChatComponents {
  /** Each message, around or instead of the kit's rendering (`children`). */
  readonly Message?: ComponentType<ChatMessageSlotProps> | undefined;
  /** Beside each bubble (start side for replies, end side for the user). */
  readonly Avatar?: ComponentType<{ readonly message: ChatMessage }> | undefined;
  /** Under each bubble: copy, feedback… (shown for every message; return null where you want none). */
  readonly MessageActions?: ComponentType<{ readonly message: ChatMessage }> | undefined;
  /** Fenced code in replies, in place of the kit's `CodeBlock` (say, a syntax highlighter). */
  readonly CodeBlock?: ComponentType<ChatCodeBlockProps> | undefined;
}

const none: ChatComponents = {};
const ChatComponentsContext = createContext<ChatComponents>(none);

/**
 * Gives the window's parts below it the slots of `components` (`ChatWindow` does it for its own).
 *
 * @example
 * <ChatComponentsProvider components={{ CodeBlock: Highlighted }}><ChatThread /></ChatComponentsProvider>
 */
export function ChatComponentsProvider({
  components = none,
  children,
}: {
  readonly components?: ChatComponents | undefined;
  readonly children: ReactNode;
}) {
  return <ChatComponentsContext.Provider value={components}>{children}</ChatComponentsContext.Provider>;
}

/**
 * The slots in effect, for a part of your own.
 *
 * @example
 * const { Avatar } = useChatComponents();
 */
export function useChatComponents(): ChatComponents {
  return useContext(ChatComponentsContext);
}
