import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ChatTransport } from '@vapi-chat-kit/core';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { helpDesk, partFrame } from '../test-support/part-story';
import { useChatMessage } from '../use-chat-message';
import { useVapiChat } from '../use-vapi-chat';
import { Chat } from './chat';
import { useChatComposer } from './chat-composer';

const bubble = (role: 'user' | 'assistant'): CSSProperties => ({
  margin: '6px 0',
  padding: '6px 10px',
  borderRadius: 6,
  background: role === 'user' ? '#1d4ed8' : '#eef0f3',
  color: role === 'user' ? '#ffffff' : '#111827',
  marginInlineStart: role === 'user' ? 48 : 0,
  whiteSpace: 'pre-wrap',
});

/** A chat built from the parts alone: the thread, errors with Retry, the composer, Send and Stop. */
function HeadlessChat({
  transport,
  greeting,
  children,
}: {
  readonly transport: ChatTransport;
  readonly greeting?: string;
  readonly children?: ReactNode;
}) {
  const [chatId] = useState(() => `headless-${Math.random().toString(36).slice(2)}`);
  const chat = useVapiChat({ transport, chatId, greeting });
  return (
    <Chat.Root chat={chat} style={partFrame}>
      <Chat.Messages style={{ maxHeight: 320, overflowY: 'auto' }}>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.SessionMarker>New conversation</Chat.SessionMarker>
            <MessageBody />
            <Chat.ErrorMessage style={{ color: '#b91c1c' }} />
            <Chat.Retry>Retry</Chat.Retry>
          </Chat.Message>
        )}
      </Chat.Messages>
      <Chat.StatusBanner />
      {children ?? (
        <div style={{ display: 'flex', gap: 6, marginBlockStart: 8 }}>
          <Chat.Composer placeholder="Ask about passwords, billing…" style={{ flex: 1 }} />
          <Chat.Send>Send</Chat.Send>
          <Chat.Stop>Stop</Chat.Stop>
        </div>
      )}
    </Chat.Root>
  );
}

/** The part's text in a bubble of one's own, styled by its role. */
function MessageBody() {
  const message = useChatMessage();
  return <Chat.MessageText style={bubble(message?.role ?? 'assistant')} />;
}

const meta = {
  title: 'react/Chat parts (headless)',
  component: HeadlessChat,
  parameters: { layout: 'centered' },
  args: { transport: helpDesk(), greeting: 'Hi! I am the TechFlow assistant.' },
  argTypes: { transport: { control: false } },
} satisfies Meta<typeof HeadlessChat>;

export default meta;
type Story = StoryObj<typeof meta>;

const composer = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('textbox', { name: 'Message' });

/** Send with the keyboard: the reply streams in, the log is busy while it is written, then idle. */
export const SendAndStream: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'How do I reset my password?{Enter}');
    const log = canvas.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'true'));
    await waitFor(() => expect(canvasElement.querySelector('[data-status="idle"]')).not.toBeNull(), {
      timeout: 8000,
    });
    await expect(within(log).getByText(/^To reset your password/)).toBeVisible();
    await expect(composer(canvasElement)).toHaveValue('');
  },
};

/** Stop part-way: the reply is kept as far as it got, marked stopped, and the chat is idle again. */
export const StopMidReply: Story = {
  args: { transport: helpDesk({ delayMs: 60 }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'Can I change my plan?{Enter}');
    await waitFor(() => expect(canvasElement.querySelector('[data-status="streaming"]')).not.toBeNull(), {
      timeout: 4000,
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-role="assistant"][data-status="stopped"]')).not.toBeNull(),
    );
  },
};

/** A message longer than the transport takes stays in the composer, with its count, and is not sent. */
export const CharacterLimit: Story = {
  args: { transport: helpDesk({ maxMessageLength: 40 }) },
  render: (args) => (
    <HeadlessChat {...args}>
      <div style={{ display: 'flex', gap: 6, marginBlockStart: 8, alignItems: 'center' }}>
        <Chat.Composer style={{ flex: 1 }} />
        <Chat.CharacterCount threshold={0.5} />
        <Chat.Send>Send</Chat.Send>
      </div>
    </HeadlessChat>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'This question is far longer than forty characters.');
    await expect(composer(canvasElement)).toHaveAttribute('aria-invalid', 'true');
    const count = 'This question is far longer than forty characters.'.length;
    await expect(canvas.getByText(`${count} / 40`)).toHaveAttribute('data-over-limit', '');
    await expect(canvas.getByRole('button', { name: 'Send' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** The app holds the draft: `Chat.Root` takes `draft` and `onDraftChange` (prefilled here). */
function ControlledDraft({ transport }: { readonly transport: ChatTransport }) {
  const [draft, setDraft] = useState('I need help with my invoice');
  const chat = useVapiChat({ transport, chatId: 'story-controlled' });
  return (
    <Chat.Root chat={chat} draft={draft} onDraftChange={setDraft} style={partFrame}>
      <Chat.Messages>
        {(id) => (
          <Chat.Message messageId={id}>
            <Chat.MessageText />
          </Chat.Message>
        )}
      </Chat.Messages>
      <Chat.Composer />
      <Chat.Send>Send</Chat.Send>
      <p>
        The app&apos;s draft: <output>{draft}</output>
      </p>
    </Chat.Root>
  );
}

export const ControlledComposer: Story = {
  render: (args) => <ControlledDraft transport={args.transport} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(composer(canvasElement)).toHaveValue('I need help with my invoice');
    await userEvent.type(composer(canvasElement), ' please');
    await expect(canvasElement.querySelector('output')).toHaveTextContent(
      'I need help with my invoice please',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(canvasElement.querySelector('output')).toHaveTextContent(''));
  },
};

/** An input of one's own, with `useChatComposer`: the same rules as the kit's composer. */
function OwnInput() {
  const { draft, setDraft, canSend, submit } = useChatComposer();
  return (
    <form
      style={{ display: 'flex', gap: 6, marginBlockStart: 8 }}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <input
        aria-label="Question"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        style={{ flex: 1 }}
      />
      <button type="submit" disabled={!canSend}>
        Ask
      </button>
    </form>
  );
}

export const OwnComposer: Story = {
  render: (args) => (
    <HeadlessChat {...args}>
      <OwnInput />
    </HeadlessChat>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Ask' })).toBeDisabled();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Question' }), 'Where is my API key?');
    await userEvent.click(canvas.getByRole('button', { name: 'Ask' }));
    await waitFor(() => expect(canvas.getByText('Where is my API key?', { selector: 'div' })).toBeVisible());
    await expect(canvas.getByRole('textbox', { name: 'Question' })).toHaveValue('');
  },
};
