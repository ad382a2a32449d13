import type { Meta, StoryObj } from '@storybook/react-vite';
import { Chat, useOpenConversation, useVapiChat } from '@vapi-chat-kit/react';
import { useEffect, useMemo, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ChatWindowProxy } from '../conversations/chat-proxy-context';
import { labelsFr } from '../labels/chat-labels';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import {
  storyConversations,
  storyProxyFetch,
  storyTranscripts,
  type StoryProxyOptions,
} from '../testing/story-proxy';
import '../styles.css';
import { ChatWindow } from './chat-window';

let storyChats = 0;

interface VisitorStoryProps {
  /** How the stand-in proxy answers. */
  readonly server: StoryProxyOptions;
  /** Opens the window on this stored conversation (its replies can then be rated). */
  readonly reopened?: keyof typeof storyTranscripts | undefined;
  /** The window's language. */
  readonly lang?: 'en' | 'fr' | undefined;
}

/** Reopens a stored conversation once, as choosing it in the list does. */
function Reopen({
  proxy,
  conversationId,
}: {
  readonly proxy: ChatWindowProxy;
  readonly conversationId: string;
}) {
  const { open } = useOpenConversation(proxy);
  useEffect(() => {
    const sessionId =
      storyConversations.find((item) => item.conversationId === conversationId)?.sessionId ?? '';
    void open({ conversationId, sessionId });
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

/** A `ChatWindow` with `proxy`, for a signed-in visitor, over a stand-in proxy (no network). */
function VisitorChat({ server, reopened, lang }: VisitorStoryProps) {
  const [chatId] = useState(() => `visitor-story-${(storyChats += 1)}`);
  const proxy = useMemo<ChatWindowProxy>(
    () => ({
      baseUrl: 'https://proxy.story',
      widgetKey: 'wk_story',
      fetch: storyProxyFetch({ transcripts: storyTranscripts, ...server }),
      visitorToken: () => 'story-visitor-token',
      visitorId: 'alice',
    }),
    [server],
  );
  const chat = useVapiChat({
    transport: scriptedChatTransport([{ text: 'Happy to help with that.', firstTokenDelayMs: 100 }]),
    chatId,
  });
  return (
    <div style={{ width: 400, height: 600, maxWidth: '100%' }}>
      {reopened === undefined ? null : (
        // The story opens the conversation as the list does (`useOpenConversation`), inside the chat.
        <Chat.Root chat={chat} hidden>
          <Reopen proxy={proxy} conversationId={reopened} />
        </Chat.Root>
      )}
      <ChatWindow
        chat={chat}
        proxy={proxy}
        title="TechFlow support"
        subtitle={lang === 'fr' ? 'Connectée : Alice' : 'Signed in as Alice'}
        labels={lang === 'fr' ? labelsFr : undefined}
        theme="light"
      />
    </div>
  );
}

const meta = {
  title: 'ui/ChatWindow/Signed-in visitors',
  component: VisitorChat,
  // The window's props are on its own page; these are states of its `proxy` option.
  tags: ['!autodocs'],
  args: { server: { conversations: storyConversations } },
  argTypes: { server: { control: false } },
} satisfies Meta<typeof VisitorChat>;

export default meta;
type Story = StoryObj<typeof meta>;

const openList = async (canvasElement: HTMLElement) => {
  await userEvent.click(
    within(canvasElement).getByRole('button', { name: /Your conversations|Vos conversations/ }),
  );
  // The list loads with the window's first use of it (a lazy chunk).
  return within(canvasElement).findByRole('navigation', {}, { timeout: 5000 });
};

/** The header's history button lists the visitor's conversations, newest first, from any device. */
export const ConversationList: Story = {
  play: async ({ canvasElement }) => {
    const list = await openList(canvasElement);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    await expect(within(list).getByText('Why was I charged twice this month?')).toBeVisible();
    await expect(
      within(canvasElement).getByRole('button', { name: 'Back to the conversation' }),
    ).toHaveAttribute('aria-expanded', 'true');
  },
};

/** Choosing one reopens it in the window: its transcript, and the composer ready to continue it. */
export const ReopenAConversation: Story = {
  play: async ({ canvasElement }) => {
    const list = await openList(canvasElement);
    await userEvent.click(await within(list).findByRole('button', { name: /How do I turn on SSO\?/ }));
    const log = await within(canvasElement).findByRole('log');
    await waitFor(() => expect(within(log).getByText('Thanks!')).toBeVisible());
    await waitFor(() =>
      expect(within(canvasElement).getByRole('textbox', { name: 'Message' })).toHaveFocus(),
    );
  },
};

/** A visitor with no conversation yet. */
export const NoConversationsYet: Story = {
  args: { server: { conversations: [] } },
  play: async ({ canvasElement }) => {
    const list = await openList(canvasElement);
    await expect(await within(list).findByText('No conversations yet.')).toBeVisible();
  },
};

/** While the list loads. */
export const LoadingConversations: Story = {
  args: { server: { conversations: 'hang' } },
  play: async ({ canvasElement }) => {
    const list = await openList(canvasElement);
    await expect(within(list).getByRole('status')).toHaveTextContent('Loading your conversations…');
  },
};

/** The list could not be loaded (after a retry): said so, with Retry. */
export const ConversationsFailed: Story = {
  args: { server: { conversations: 'fail', delayMs: 20 } },
  play: async ({ canvasElement }) => {
    const list = await openList(canvasElement);
    await expect(await within(list).findByRole('alert', {}, { timeout: 8000 })).toHaveTextContent(
      'Your conversations could not be loaded.',
    );
    await expect(within(list).getByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

/** Thumbs up under a reply: pressed at once, stored, thanked. */
export const RateAReply: Story = {
  args: { reopened: 'conv_invoice' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const helpful = await canvas.findByRole('button', { name: 'Helpful' });
    await userEvent.click(helpful);
    await waitFor(() => expect(helpful).toHaveAttribute('aria-pressed', 'true'));
    await waitFor(() => expect(canvas.getByText('Thanks for your feedback.')).toBeInTheDocument());
  },
};

/** Thumbs down, then an optional comment. */
export const RateDownWithAComment: Story = {
  args: { reopened: 'conv_invoice' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Not helpful' }));
    await userEvent.type(canvas.getByRole('textbox', { name: 'What was missing? (optional)' }), 'The date');
    await userEvent.click(canvas.getByRole('button', { name: 'Send feedback' }));
    await waitFor(() => expect(canvas.getByText('Thanks for your feedback.')).toBeInTheDocument());
    await expect(canvas.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'true');
  },
};

/** The rating could not be stored: it is put back as it was, and the visitor is told. */
export const RatingNotSaved: Story = {
  args: { reopened: 'conv_invoice', server: { conversations: storyConversations, ratings: 'fail' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const helpful = await canvas.findByRole('button', { name: 'Helpful' });
    await userEvent.click(helpful);
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Your rating was not saved. Try again.');
    await expect(helpful).toHaveAttribute('aria-pressed', 'false');
  },
};

/** In French. */
export const French: Story = {
  args: { lang: 'fr', reopened: 'conv_invoice' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const useful = await canvas.findByRole('button', { name: 'Utile' });
    // Replies fade in.
    await waitFor(() => expect(useful).toBeVisible());
    const list = await openList(canvasElement);
    await expect(await within(list).findByText('Vos conversations')).toBeVisible();
  },
};
