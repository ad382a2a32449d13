import { InvalidRequestError, NetworkError, RateLimitedError } from '@vapi-chat-kit/core';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { labelsFr } from '../labels/chat-labels';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory, StoryChat } from '../testing/story-chat';

afterEach(cleanup);

async function expectNoAxeViolations(container: HTMLElement) {
  // jsdom has no layout: contrast is checked by the Storybook tests in Chromium.
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(', ')}`,
    ),
  ).toEqual([]);
}

const composer = () => screen.getByRole('textbox', { name: 'Message' });

describe('ChatWindow', () => {
  it('renders a labelled region, log, composer and named controls with no axe violations', async () => {
    const { container } = render(
      <StoryChat
        transport={scriptedChatTransport([{ text: 'Hi' }])}
        title="Support"
        suggestions={['Reset my password']}
      />,
    );
    expect(screen.getByRole('region', { name: 'Support' })).toBeInTheDocument();
    expect(screen.getByRole('log', { name: 'Conversation' })).toHaveAttribute('aria-live', 'polite');
    expect(composer()).toHaveAccessibleDescription('Enter to send, Shift+Enter for a new line');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: 'New conversation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reset my password' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('sends on Enter, adds a line on Shift+Enter, keeps focus in the composer', async () => {
    const transport = scriptedChatTransport([
      { text: 'Sure, **here** you go.', firstTokenDelayMs: 5, chunkDelayMs: 1 },
    ]);
    render(<StoryChat transport={transport} />);
    const user = userEvent.setup();
    await user.click(composer());
    await user.keyboard('Line one{Shift>}{Enter}{/Shift}line two');
    expect(composer()).toHaveValue('Line one\nline two');
    expect(transport.requests).toHaveLength(0);
    await user.keyboard('{Enter}');
    expect(transport.requests.map((request) => request.text)).toEqual(['Line one\nline two']);
    expect(composer()).toHaveValue('');
    expect(composer()).toHaveFocus();
    await waitFor(() => expect(screen.getByText('here').tagName).toBe('STRONG'));
  });

  // Each browser orders composition and key events differently when Enter confirms a candidate.
  const compositionOrders: Record<string, (input: HTMLElement) => void> = {
    chrome: (input) => {
      fireEvent.compositionStart(input, { data: '' });
      fireEvent.keyDown(input, { key: 'Process', keyCode: 229, isComposing: true });
      fireEvent.change(input, { target: { value: 'にほんご' } });
      fireEvent.keyDown(input, { key: 'Enter', keyCode: 229, isComposing: true });
      fireEvent.compositionEnd(input, { data: 'にほんご' });
      fireEvent.keyUp(input, { key: 'Enter', keyCode: 13 });
    },
    firefox: (input) => {
      fireEvent.compositionStart(input, { data: '' });
      fireEvent.change(input, { target: { value: 'にほんご' } });
      fireEvent.keyDown(input, { key: 'Enter', keyCode: 13, isComposing: true });
      fireEvent.compositionEnd(input, { data: 'にほんご' });
      fireEvent.keyUp(input, { key: 'Enter', keyCode: 13 });
    },
    safari: (input) => {
      // Safari ends the composition first, then sends a keydown that is no longer "composing" but
      // still carries keyCode 229.
      fireEvent.compositionStart(input, { data: '' });
      fireEvent.change(input, { target: { value: 'にほんご' } });
      fireEvent.compositionEnd(input, { data: 'にほんご' });
      fireEvent.keyDown(input, { key: 'Enter', keyCode: 229, isComposing: false });
      fireEvent.keyUp(input, { key: 'Enter', keyCode: 13 });
    },
  };

  it.each(Object.keys(compositionOrders))(
    'never sends on the Enter that confirms an IME composition (%s)',
    async (browser) => {
      const transport = scriptedChatTransport([{ text: 'ok', firstTokenDelayMs: 1 }]);
      render(<StoryChat transport={transport} />);
      compositionOrders[browser]!(composer());
      expect(transport.requests).toHaveLength(0);
      expect(composer()).toHaveValue('にほんご');
      fireEvent.keyDown(composer(), { key: 'Enter', keyCode: 13 });
      expect(transport.requests.map((request) => request.text)).toEqual(['にほんご']);
      await waitFor(() => expect(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false'));
    },
  );

  it('shows the typing indicator only while waiting for the first token, and a busy log while streaming', async () => {
    const transport = scriptedChatTransport([
      { text: 'Hello there, friend.', firstTokenDelayMs: 60, chunkSize: 4, chunkDelayMs: 40 },
    ]);
    const { container } = render(<StoryChat transport={transport} sendOnMount="Hi" />);
    await waitFor(() => expect(container.querySelector('.vck-typing')).not.toBeNull());
    expect(screen.getByRole('log')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    await waitFor(() =>
      expect(container.querySelector('.vck-message[data-status="streaming"]')).not.toBeNull(),
    );
    expect(container.querySelector('.vck-typing')).toBeNull();
    expect(screen.getByRole('log')).toHaveAttribute('aria-busy', 'true');
    await waitFor(() =>
      expect(
        container.querySelector('.vck-message[data-role="assistant"][data-status="done"]'),
      ).not.toBeNull(),
    );
    expect(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
    expect(container.querySelector('.vck-typing')).toBeNull();
  });

  it('stops a reply, keeps the partial text, and returns focus to the composer', async () => {
    const transport = scriptedChatTransport([
      { text: 'A long reply that never ends', firstTokenDelayMs: 5, chunkDelayMs: 5, hangAfter: 8 },
    ]);
    const { container } = render(<StoryChat transport={transport} />);
    const user = userEvent.setup();
    await user.type(composer(), 'Go{Enter}');
    await waitFor(() =>
      expect(container.querySelector('.vck-message[data-status="streaming"]')).not.toBeNull(),
    );
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByText('Stopped')).toBeInTheDocument());
    expect(container.querySelector('.vck-message[data-role="assistant"]')?.textContent).toContain('A long r');
    expect(composer()).toHaveFocus();
  });

  it('announces a failure assertively and retries the same turn', async () => {
    const transport = scriptedChatTransport([
      { error: new NetworkError('dropped'), firstTokenDelayMs: 5 },
      { text: 'Back again.', firstTokenDelayMs: 5 },
    ]);
    const { container } = render(<StoryChat transport={transport} sendOnMount="Hello?" />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Connection lost. Check your network and retry.');
    await expectNoAxeViolations(container);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('Back again.')).toBeInTheDocument());
    expect(transport.requests.map((request) => request.turnId)).toEqual([
      transport.requests[0]!.turnId,
      transport.requests[0]!.turnId,
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('labels a reply cut part-way as interrupted (not a message that was not sent), and a 409 as busy', async () => {
    const transport = scriptedChatTransport([
      {
        text: 'A reply that breaks off here',
        error: new NetworkError('dropped'),
        failAfter: 12,
        firstTokenDelayMs: 1,
      },
      {
        error: new InvalidRequestError('A reply is already in progress for this conversation', {
          status: 409,
        }),
        firstTokenDelayMs: 1,
      },
    ]);
    const { container } = render(<StoryChat transport={transport} sendOnMount="Hello?" />);
    await screen.findByRole('alert');
    const reply = container.querySelector('.vck-message[data-role="assistant"]')!;
    expect(reply).toHaveAttribute('data-status', 'failed');
    expect(within(reply as HTMLElement).getByText('Reply interrupted')).toBeInTheDocument();
    expect(screen.queryByText('Not sent')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'A reply is still being written. Wait a moment, then retry.',
      ),
    );
    const question = container.querySelector('.vck-message[data-role="user"]')!;
    expect(within(question as HTMLElement).getByText('Not sent')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('counts down a rate-limit wait in a polite status, announced once', async () => {
    const transport = scriptedChatTransport([
      { error: new RateLimitedError('slow down', { retryAfterMs: 5_000 }), firstTokenDelayMs: 1 },
      { text: 'ok', firstTokenDelayMs: 1 },
    ]);
    const { container, unmount } = render(<StoryChat transport={transport} sendOnMount="Hi" />);
    const status = await screen.findByRole('status');
    expect(container.querySelector('.vck-banner')).toHaveAttribute('data-state', 'rate-limited');
    expect(status).toHaveTextContent(/Too many messages\. Trying again in [45] s…/);
    // The changing number is hidden from screen readers; a fixed sentence is announced once.
    expect(status.querySelector('[aria-hidden="true"][data-seconds]')).not.toBeNull();
    unmount();
  });

  it('says so when the browser is offline', async () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      render(<StoryChat transport={scriptedChatTransport([{ text: 'ok' }])} />);
      act(() => void window.dispatchEvent(new Event('offline')));
      expect(await screen.findByRole('status')).toHaveTextContent(
        'You are offline. Reconnect to send messages.',
      );
    } finally {
      Reflect.deleteProperty(navigator, 'onLine');
      act(() => void window.dispatchEvent(new Event('online')));
    }
  });

  it('starts a new conversation from the header and keeps focus in the composer', async () => {
    const { container } = render(
      <StoryChat
        transport={scriptedChatTransport([{ text: 'ok' }])}
        history={makeHistory(4)}
        greeting="Hello again"
      />,
    );
    expect(container.querySelectorAll('.vck-message')).toHaveLength(4);
    await userEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    await waitFor(() => expect(container.querySelectorAll('.vck-message')).toHaveLength(1));
    expect(screen.getByText('Hello again')).toBeInTheDocument();
    expect(composer()).toHaveFocus();
  });

  it('replaces every label (French)', () => {
    render(
      <StoryChat
        transport={scriptedChatTransport([{ text: 'ok' }])}
        labels={labelsFr}
        suggestions={['Forfait']}
      />,
    );
    expect(screen.getByRole('log', { name: 'Conversation' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Nouvelle conversation' })).toBeInTheDocument();
    expect(screen.getByPlaceholderText('Écrivez un message…')).toBeInTheDocument();
    expect(screen.getByText('Comment pouvons-nous aider ?')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Questions suggérées' })).toBeInTheDocument();
  });

  it('keeps a 1,000-message thread light: one page of messages in the DOM, older pages on demand', async () => {
    // The first commit that shows the thread holds the newest 20; the rest of the page follows in a later one.
    const shownByCommit: number[] = [];
    const { container } = render(
      <Profiler
        id="thread"
        onRender={() => shownByCommit.push(document.querySelectorAll('.vck-message').length)}
      >
        <StoryChat transport={scriptedChatTransport([{ text: 'ok' }])} history={makeHistory(1000)} />
      </Profiler>,
    );
    await waitFor(() => expect(shownByCommit.at(-1)).toBe(50));
    expect(shownByCommit.find((count) => count > 0)).toBe(20);
    await waitFor(() => expect(container.querySelectorAll('.vck-message')).toHaveLength(50));
    // About a dozen elements per message, whatever the thread's length.
    expect(container.querySelectorAll('*').length).toBeLessThan(1200);
    await userEvent.click(screen.getByRole('button', { name: 'Show 950 earlier messages' }));
    expect(container.querySelectorAll('.vck-message')).toHaveLength(100);
    expect(
      within(screen.getByRole('log')).getByRole('button', { name: 'Show 900 earlier messages' }),
    ).toBeInTheDocument();
  });

  it('dark theme and right-to-left reach the DOM as attributes', () => {
    const { container } = render(
      <StoryChat transport={scriptedChatTransport([{ text: 'ok' }])} theme="dark" dir="rtl" />,
    );
    const root = container.querySelector('.vck-window')!;
    expect(root).toHaveAttribute('data-theme', 'dark');
    expect(root).toHaveAttribute('dir', 'rtl');
    act(() => undefined);
  });
});
