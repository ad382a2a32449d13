import { NetworkError, RateLimitedError } from '@vapi-chat-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { labelsFr } from '../labels/chat-labels';
import { longMarkdownReply, shortReply } from '../testing/sample-replies';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory, StoryChat, type StoryChatProps } from '../testing/story-chat';
import { ChatWindow } from './chat-window';
import { OwnLayout, storySlots } from '../testing/story-slots';

const suggestions = ['How do I reset my password?', 'Can I change my plan?', 'Where is my API key?'];

// The docs page reads its props table from `ChatWindow`; each story renders it through `StoryChat`, which
// gives it a chat of its own over a scripted transport (the story-only args, not shown in the table).
const storyOnly = { table: { disable: true } } as const;

const meta = {
  title: 'ui/ChatWindow',
  component: ChatWindow,
  render: (args) => <StoryChat {...args} />,
  parameters: { layout: 'centered' },
  args: {
    transport: scriptedChatTransport([{ text: shortReply, firstTokenDelayMs: 120 }]),
    title: 'TechFlow support',
    subtitle: 'Typically replies in seconds',
    suggestions,
  },
  argTypes: {
    transport: { control: false, ...storyOnly },
    greeting: storyOnly,
    history: storyOnly,
    sendOnMount: storyOnly,
    lang: storyOnly,
    width: storyOnly,
    height: storyOnly,
    components: { control: false },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
} satisfies Meta<StoryChatProps>;

export default meta;
type Story = StoryObj<typeof meta>;

const composer = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('textbox', { name: 'Message' });
const log = (canvasElement: HTMLElement) => within(canvasElement).getByRole('log', { name: 'Conversation' });

/** No messages yet: an empty state with suggested questions. */
export const Empty: Story = {};

/** A click on a suggested question sends it. */
export const SuggestionSends: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('How can we help?')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Can I change my plan?' }));
    await expect(composer(canvasElement)).toHaveFocus();
    await waitFor(() => expect(within(log(canvasElement)).getByText('Can I change my plan?')).toBeVisible());
    await waitFor(() => expect(within(log(canvasElement)).getByText(/Change plan/)).toBeVisible(), {
      timeout: 4000,
    });
  },
};

/** A greeting from the assistant, with suggestions under it until the user writes. */
export const Greeting: Story = {
  args: { greeting: 'Hi! 👋 I’m the TechFlow assistant. How can I help you today?' },
};

/** Sent, waiting for the first token: the typing indicator shows, and Send becomes Stop. */
export const Submitted: Story = {
  args: {
    greeting: 'Hi! How can I help?',
    transport: scriptedChatTransport([{ text: shortReply, firstTokenDelayMs: Infinity }]),
    sendOnMount: 'Can I change my plan later?',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('.vck-typing')).not.toBeNull());
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeVisible();
    await expect(log(canvasElement)).toHaveAttribute('aria-busy', 'true');
  },
};

/** A reply being written: markdown renders as it arrives, the log is busy, Stop is offered. */
export const Streaming: Story = {
  args: {
    greeting: 'Hi! How can I help?',
    transport: scriptedChatTransport([
      { text: longMarkdownReply, firstTokenDelayMs: 50, chunkDelayMs: 8, hangAfter: 420 },
    ]),
    sendOnMount: 'How do I reset my password?',
  },
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(canvasElement.querySelector('.vck-message[data-status="streaming"]')).not.toBeNull(),
      {
        timeout: 4000,
      },
    );
    await expect(log(canvasElement)).toHaveAttribute('aria-busy', 'true');
    await expect(canvasElement.querySelector('.vck-typing')).toBeNull();
    // No raw markdown syntax while streaming.
    await waitFor(() => expect(within(log(canvasElement)).getByText('two ways')).toBeVisible(), {
      timeout: 4000,
    });
  },
};

/**
 * A reply that outgrows the window and then pauses mid-stream: the thread follows the growing text to
 * the bottom (through its ResizeObserver, with no status change to help).
 */
export const FollowsStreamingText: Story = {
  args: {
    transport: scriptedChatTransport([
      { text: longMarkdownReply, firstTokenDelayMs: 50, chunkSize: 24, chunkDelayMs: 4, hangAfter: 720 },
    ]),
    sendOnMount: 'How do I reset my password?',
  },
  play: async ({ canvasElement }) => {
    const scroller = log(canvasElement);
    await waitFor(() => expect(scroller.scrollHeight).toBeGreaterThan(scroller.clientHeight + 40), {
      timeout: 5000,
    });
    await waitFor(() => expect(within(scroller).getByText('Email verified')).toBeInTheDocument(), {
      timeout: 5000,
    });
    // The last chunks before the pause; then nothing changes but where the view is.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(canvasElement.querySelector('.vck-message[data-status="streaming"]')).not.toBeNull();
    await waitFor(() =>
      expect(scroller.scrollTop + scroller.clientHeight).toBeGreaterThanOrEqual(scroller.scrollHeight - 2),
    );
  },
};

/** A long reply with headings, lists, a quote, code with a copy button, a table and tasks. */
export const LongMarkdownReply: Story = {
  args: {
    transport: scriptedChatTransport([
      { text: longMarkdownReply, firstTokenDelayMs: 50, chunkSize: 48, chunkDelayMs: 4 },
    ]),
    sendOnMount: 'How do I reset my password?',
  },
  play: async ({ canvasElement }) => {
    await waitFor(
      () =>
        expect(
          canvasElement.querySelector('.vck-message[data-role="assistant"][data-status="done"]'),
        ).not.toBeNull(),
      {
        timeout: 5000,
      },
    );
    const thread = within(log(canvasElement));
    await expect(thread.getByRole('table')).toBeInTheDocument();
    await expect(thread.getByRole('button', { name: 'Copy code' })).toBeInTheDocument();
    await expect(log(canvasElement)).toHaveAttribute('aria-busy', 'false');
  },
};

/** Stop while a reply streams: the partial reply stays, marked "Stopped", and focus stays in the composer. */
export const Stopped: Story = {
  args: {
    transport: scriptedChatTransport([
      { text: longMarkdownReply, firstTokenDelayMs: 50, chunkDelayMs: 10, hangAfter: 200 },
    ]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'How do I reset my password?{Enter}');
    await waitFor(
      () => expect(canvasElement.querySelector('.vck-message[data-status="streaming"]')).not.toBeNull(),
      {
        timeout: 4000,
      },
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(canvas.getByText('Stopped')).toBeVisible());
    await expect(composer(canvasElement)).toHaveFocus();
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeVisible();
  },
};

/** The turn failed before any token: the message stays with Retry, and the error is announced. */
export const Failed: Story = {
  args: {
    transport: scriptedChatTransport([
      { error: new NetworkError('The connection dropped'), firstTokenDelayMs: 30 },
    ]),
    sendOnMount: 'Can I change my plan?',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('alert', {}, { timeout: 4000 })).toHaveTextContent(
      'Connection lost',
    );
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  },
};

/** Retry after a failure: the same turn is sent again and answered. */
export const FailedWithRetry: Story = {
  args: {
    transport: scriptedChatTransport([
      { error: new NetworkError('The connection dropped'), firstTokenDelayMs: 50 },
      { text: shortReply, firstTokenDelayMs: 50 },
    ]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'Can I change my plan?{Enter}');
    const alert = await canvas.findByRole('alert', {}, { timeout: 4000 });
    await expect(alert).toHaveTextContent('Connection lost');
    await expect(canvas.getByText('Not sent')).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(log(canvasElement)).getByText(/Change plan/)).toBeVisible(), {
      timeout: 4000,
    });
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

/** A 429: the turn waits, with a visible countdown, and is sent again on its own once. */
export const RateLimited: Story = {
  args: {
    transport: scriptedChatTransport([
      { error: new RateLimitedError('Too many requests', { retryAfterMs: 20_000 }), firstTokenDelayMs: 20 },
      { text: shortReply },
    ]),
    sendOnMount: 'Can I change my plan?',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(
      () => expect(canvasElement.querySelector('.vck-banner[data-state="rate-limited"]')).not.toBeNull(),
      {
        timeout: 4000,
      },
    );
    await expect(canvas.getByRole('status')).toHaveTextContent(/Trying again in \d+ s/);
  },
};

/** The browser is offline. */
export const Offline: Story = {
  args: { greeting: 'Hi! How can I help?' },
  beforeEach: () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    return () => {
      Reflect.deleteProperty(navigator, 'onLine');
      window.dispatchEvent(new Event('online'));
    };
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('You are offline');
  },
};

/** A conversation restored from storage (or the proxy's history). */
export const RestoredHistory: Story = {
  args: { history: makeHistory(8) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(8);
    // Restored at the bottom, on the latest message.
    const scroller = log(canvasElement);
    await waitFor(() =>
      expect(scroller.scrollTop + scroller.clientHeight).toBeGreaterThanOrEqual(scroller.scrollHeight - 2),
    );
  },
};

/** 1,000 messages: only the last page is in the DOM; older pages load on demand, keeping the reader's place. */
export const LongThread: Story = {
  args: { history: makeHistory(1000) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(50));
    await expect(canvasElement.querySelectorAll('*').length).toBeLessThan(1500);
    // Reaching the top loads the previous page, and the message that was first stays where it was.
    const scroller = log(canvasElement);
    const firstMessage = canvasElement.querySelector('.vck-message')!;
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -400, bubbles: true }));
    scroller.scrollTop = 0;
    const before = firstMessage.getBoundingClientRect().top;
    await waitFor(() => expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(100));
    // Without anchoring it would move by the whole page loaded above (about 3,000 px). Off-screen messages
    // are sized by estimate (content-visibility), and on a loaded machine the estimate of the message
    // entering the view can settle after the anchor is applied: drifts of ~115 px were seen in CI.
    // The bound proves anchoring without depending on when those estimates resolve.
    await expect(Math.abs(firstMessage.getBoundingClientRect().top - before)).toBeLessThan(400);
    await expect(canvas.getByRole('button', { name: 'Show 900 earlier messages' })).toBeInTheDocument();
  },
};

/** Scrolled up while a reply arrives: the view stays put and a pill counts the new messages. */
export const JumpToLatestPill: Story = {
  args: {
    history: makeHistory(30),
    transport: scriptedChatTransport([{ text: shortReply, firstTokenDelayMs: 400, chunkDelayMs: 5 }]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const scroller = log(canvasElement);
    await userEvent.type(composer(canvasElement), 'One more question{Enter}');
    await waitFor(() => expect(canvasElement.querySelector('.vck-typing')).not.toBeNull());
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, bubbles: true }));
    scroller.scrollTop = 0;
    const pill = await canvas.findByRole('button', { name: '1 new message' }, { timeout: 4000 });
    await expect(scroller.scrollTop).toBeLessThan(50);
    await userEvent.click(pill);
    await waitFor(() =>
      expect(canvas.queryByRole('button', { name: /new message|Jump to latest/ })).toBeNull(),
    );
  },
};

/** Keyboard only: Shift+Enter adds a line, Enter sends, focus stays in the composer, Tab reaches Send. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const input = composer(canvasElement);
    await userEvent.click(input);
    await userEvent.keyboard('First line{Shift>}{Enter}{/Shift}second line');
    await expect(input).toHaveValue('First line\nsecond line');
    await userEvent.keyboard('{Enter}');
    await expect(input).toHaveValue('');
    await expect(input).toHaveFocus();
    await waitFor(() => expect(within(log(canvasElement)).getByText(/First line/)).toBeVisible());
    await waitFor(
      () =>
        expect(
          canvasElement.querySelector('.vck-message[data-role="assistant"][data-status="done"]'),
        ).not.toBeNull(),
      {
        timeout: 4000,
      },
    );
    await userEvent.tab();
    await expect(within(canvasElement).getByRole('button', { name: 'Send' })).toHaveFocus();
  },
};

/** The first reply is cut part-way (the connection drops after 30 characters); its retry is answered. */
const cutThenAnswered = () =>
  scriptedChatTransport([
    { text: shortReply, error: new NetworkError('The connection dropped'), failAfter: 30, chunkDelayMs: 5 },
    { text: shortReply, firstTokenDelayMs: 30, chunkDelayMs: 5 },
  ]);

/** Waits for a reply of the window to finish. */
const replyDone = (canvasElement: HTMLElement) =>
  waitFor(
    () =>
      expect(
        canvasElement.querySelector('.vck-message[data-role="assistant"][data-status="done"]'),
      ).not.toBeNull(),
    { timeout: 4000 },
  );

/** A reply cut part-way (the connection dropped): what arrived stays, marked "Reply interrupted"; Retry. */
export const RetryAfterACut: Story = {
  args: {
    transport: cutThenAnswered(),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(composer(canvasElement), 'Can I change my plan?{Enter}');
    await expect(await canvas.findByText('Reply interrupted', {}, { timeout: 4000 })).toBeVisible();
    const cut = canvasElement.querySelector('.vck-message[data-role="assistant"][data-status="failed"]');
    await expect(cut?.textContent).toContain(shortReply.slice(0, 12));
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await replyDone(canvasElement);
    await expect(canvas.queryByText('Reply interrupted')).toBeNull();
    await expect(canvasElement.querySelectorAll('.vck-message[data-role="user"]')).toHaveLength(1);
  },
};

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after a dozen presses. */
async function tabTo(target: () => HTMLElement, shift = false) {
  for (let presses = 0; presses < 12 && document.activeElement !== target(); presses += 1) {
    await userEvent.tab({ shift });
  }
  await expect(target()).toHaveFocus();
}

/**
 * Keyboard only, no pointer: Tab reaches the composer, Enter sends, the cut reply's Retry is reached with
 * Shift+Tab and pressed with Enter, and the header's "New conversation" with Tab order from the top.
 */
export const KeyboardOnly: Story = {
  args: {
    transport: cutThenAnswered(),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await tabTo(() => composer(canvasElement));
    await userEvent.keyboard('Can I change my plan?{Enter}');
    await canvas.findByText('Reply interrupted', {}, { timeout: 4000 });
    await tabTo(() => canvas.getByRole('button', { name: 'Retry' }), true);
    await userEvent.keyboard('{Enter}');
    await expect(composer(canvasElement)).toHaveFocus();
    await replyDone(canvasElement);
    await tabTo(() => canvas.getByRole('button', { name: 'New conversation' }), true);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(0));
    await expect(canvas.getByText('How can we help?')).toBeVisible();
  },
};

/** A turn that ran in a new server session (the old one expired) is marked, so the reader knows why. */
export const NewSessionMarker: Story = {
  args: {
    history: makeHistory(4).map((message, index) =>
      index === 2 ? { ...message, newSession: true } : message,
    ),
  },
  play: async ({ canvasElement }) => {
    const marker = await within(log(canvasElement)).findByRole('separator');
    await expect(marker.closest('.vck-message')).toHaveAttribute('data-role', 'user');
    await expect(canvasElement.querySelectorAll('.vck-session-marker')).toHaveLength(1);
  },
};

/** A draft longer than a message may be: counted, marked invalid, and not sent (nothing is lost). */
export const TooLong: Story = {
  args: { transport: { ...scriptedChatTransport([{ text: shortReply }]), maxMessageLength: 60 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const text = 'My invoice from March shows two charges for the same plan; why is that?';
    await userEvent.type(composer(canvasElement), `${text}{Enter}`);
    await expect(composer(canvasElement)).toHaveValue(text);
    await expect(composer(canvasElement)).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByText(`${text.length} / 60 characters: too long to send`)).toBeVisible();
    await expect(canvasElement.querySelectorAll('.vck-message')).toHaveLength(0);
  },
};

/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark', history: makeHistory(4, [undefined, longMarkdownReply]) },
  globals: { backgrounds: { value: 'dark' } },
};

/** Right to left, with Arabic labels. */
export const RightToLeft: Story = {
  args: {
    dir: 'rtl',
    title: 'الدعم',
    subtitle: 'نرد عادة خلال ثوانٍ',
    labels: {
      composerLabel: 'رسالة',
      composerPlaceholder: 'اكتب رسالة…',
      composerHint: 'Enter للإرسال، Shift+Enter لسطر جديد',
      send: 'إرسال',
      messagesLabel: 'المحادثة',
      newConversation: 'محادثة جديدة',
    },
    history: makeHistory(4, [
      'كيف أعيد تعيين كلمة المرور؟',
      'افتح **الإعدادات** ثم اختر *إعادة تعيين كلمة المرور*. سنرسل لك رابطًا صالحًا لمدة ٢٤ ساعة.',
      'شكرًا!',
      'على الرحب والسعة!',
    ]),
  },
};

/** French labels. */
export const French: Story = {
  args: {
    labels: labelsFr,
    title: 'Assistance TechFlow',
    greeting: 'Bonjour ! Comment puis-je vous aider ?',
    suggestions: ['Changer de forfait'],
  },
};

/** A narrow mobile width. */
export const Mobile: Story = {
  parameters: { layout: 'fullscreen' },
  args: {
    width: '100vw',
    height: '100vh',
    history: makeHistory(6, [undefined, undefined, undefined, longMarkdownReply]),
  },
};

/** `components.Avatar`: a picture beside each reply (return null for the user's messages). */
export const SlotAvatar: Story = {
  args: { history: makeHistory(4), components: storySlots.avatar },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('.vck-avatar-slot .story-avatar')).toHaveLength(2);
  },
};

/** `components.MessageActions`: actions under each finished reply (here, Copy). */
export const SlotMessageActions: Story = {
  args: { history: makeHistory(4), components: storySlots.actions },
  play: async ({ canvasElement }) => {
    await expect(within(log(canvasElement)).getAllByRole('button', { name: 'Copy' })).toHaveLength(2);
  },
};

/** `components.Message`: around (or instead of) the kit's rendering of each message: a timestamp. */
export const SlotMessage: Story = {
  args: { history: makeHistory(4), components: storySlots.message },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('.vck-message time.story-time')).toHaveLength(4);
  },
};

/** `components.CodeBlock`: fenced code in replies rendered by the app (a highlighter would go here). */
export const SlotCodeBlock: Story = {
  args: {
    history: makeHistory(2, [undefined, 'Install it:\n\n```bash\nnpm install @vapi-chat-kit/ui\n```']),
    components: storySlots.codeBlock,
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('pre.story-code')).toHaveAttribute('data-language', 'bash');
    await expect(canvasElement.querySelector('.vck-code-block')).toBeNull();
  },
};

/** `ChatThread`, exported: a window of the app's own layout around the kit's thread and composer. */
export const OwnLayoutWithThread: Story = {
  render: (args) => <OwnLayout transport={args.transport} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Where is my API key?' }));
    await waitFor(() => expect(within(log(canvasElement)).getByText('Where is my API key?')).toBeVisible());
  },
};
