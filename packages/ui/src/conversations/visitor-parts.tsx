import { lazy, Suspense, type ComponentProps } from 'react';

// The window's parts that talk to the proxy (ratings, a visitor's conversations) carry TanStack Query:
// loaded only by a window that has a `proxy`, so a chat without one does not pay for them.
const Rating = lazy(() => import('../rating/chat-rating').then((module) => ({ default: module.ChatRating })));
const ConversationList = lazy(() =>
  import('./chat-conversation-list').then((module) => ({ default: module.ChatConversationList })),
);

/** `ChatRating`, loaded on first use. */
export function LazyChatRating(props: ComponentProps<typeof Rating>) {
  return (
    <Suspense fallback={null}>
      <Rating {...props} />
    </Suspense>
  );
}

/** `ChatConversationList`, loaded on first use. */
export function LazyChatConversationList(props: ComponentProps<typeof ConversationList>) {
  return (
    <Suspense fallback={null}>
      <ConversationList {...props} />
    </Suspense>
  );
}
