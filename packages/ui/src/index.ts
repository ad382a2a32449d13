// The public API of @vapi-chat-kit/ui, listed by name (STYLE.md rule 12).
// Styles: import '@vapi-chat-kit/ui/styles.css' once.

// the window
export {
  ChatThread,
  ChatWindow,
  chatWindowPageSize,
  type ChatThreadProps,
  type ChatWindowProps,
} from './chat-window/chat-window';
export {
  ChatComponentsProvider,
  useChatComponents,
  type ChatCodeBlockProps,
  type ChatComponents,
  type ChatMessageSlotProps,
} from './components/chat-components';

// a signed-in visitor's conversations and ratings (with `proxy`)
export { ChatConversationList, type ChatConversationListProps } from './conversations/chat-conversation-list';
export type { ChatWindowProxy } from './conversations/chat-proxy-context';
export { ChatRating, type ChatRatingProps } from './rating/chat-rating';

// its parts
export { ChatHeader, type ChatHeaderProps } from './chat-header/chat-header';
export { ChatMessageBubble, type ChatMessageBubbleProps } from './message/chat-message-bubble';
export { ChatComposerBar, type ChatComposerBarProps } from './composer/chat-composer-bar';
export { ChatStatusBanner, Countdown } from './status-banner/chat-status-banner';
export { TypingIndicator } from './typing-indicator/typing-indicator';
export { JumpToLatest, type JumpToLatestProps } from './jump-to-latest/jump-to-latest';
export { ChatEmptyState, SuggestedPrompts, type SuggestedPromptsProps } from './empty-state/chat-empty-state';
export { useStickToBottom, type StickToBottom } from './scroll/use-stick-to-bottom';

// markdown
export { Markdown, type MarkdownProps } from './markdown/markdown';
export { CodeBlock } from './markdown/code-block';
export { safeUrl } from './markdown/safe-url';

// labels
export { labelsEn, labelsFr, type ChatLabels } from './labels/chat-labels';
export { LabelsProvider, useLabels } from './labels/labels-context';
