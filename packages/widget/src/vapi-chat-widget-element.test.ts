import type { ChatEvent, ChatTransport, ChatTurnRequest } from '@vapi-chat-kit/core';
import { waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineVapiChatWidget, VapiChatWidgetElement } from './vapi-chat-widget-element';

defineVapiChatWidget();

/** A transport that answers every turn with "Hello there." in two deltas; `hold` pauses between them. */
function scriptedTransport(options: { hold?: boolean } = {}) {
  const requests: ChatTurnRequest[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const transport: ChatTransport = {
    async *sendTurn(request): AsyncIterable<ChatEvent> {
      requests.push(request);
      yield { type: 'turn-start', chatId: `chat-${requests.length}` };
      yield { type: 'text-delta', text: 'Hello' };
      if (options.hold) await gate;
      yield { type: 'text-delta', text: ' there.' };
      yield { type: 'turn-end', chatId: `chat-${requests.length}`, text: 'Hello there.' };
    },
  };
  return { transport, requests, release: () => release() };
}

function createWidget(attributes: Record<string, string> = {}, transport?: ChatTransport) {
  const widget = document.createElement('vapi-chat-widget');
  for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
  if (transport) widget.transport = transport;
  document.body.append(widget);
  return widget;
}

const shadow = (widget: VapiChatWidgetElement) => widget.shadowRoot!;
const inWidget = (widget: VapiChatWidgetElement) => within(shadow(widget) as unknown as HTMLElement);
const launcher = (widget: VapiChatWidgetElement) =>
  shadow(widget).querySelector<HTMLButtonElement>('.vcw-launcher')!;
const panel = (widget: VapiChatWidgetElement) => shadow(widget).querySelector<HTMLElement>('#vcw-panel')!;
const badge = (widget: VapiChatWidgetElement) => shadow(widget).querySelector<HTMLElement>('.vcw-badge')!;
const greeting = (widget: VapiChatWidgetElement) =>
  shadow(widget).querySelector<HTMLElement>('.vcw-greeting')!;
const composer = (widget: VapiChatWidgetElement) =>
  waitFor(
    () => {
      const textarea = panel(widget).querySelector('textarea');
      if (!textarea) throw new Error('no composer yet');
      return textarea;
    },
    { timeout: 5000 },
  );

async function axeViolations(context: Element): Promise<string[]> {
  const results = await axe.run(context, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((violation) => violation.id);
}

// The panel module (React, the window, markdown) is transformed on first import: do it once, up front, so
// no test's time limit pays for it.
beforeAll(async () => {
  await import('./widget-panel');
}, 30_000);

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('<vapi-chat-widget>', () => {
  it("sends a signed-in visitor's token through the proxy, lists their conversations, and stores their chat apart", async () => {
    const requests: Request[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request);
      const { pathname } = new URL(request.url);
      if (pathname === '/api/v1/conversations') return Promise.resolve(Response.json({ conversations: [] }));
      const body =
        'event: start\ndata: {"conversationId":"conv_1","messageId":"msg_1"}\n\nevent: delta\ndata: {"text":"Hi Alice!"}\n\nevent: done\ndata: {"conversationId":"conv_1","message":"Hi Alice!"}\n\n';
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    });
    try {
      const widget = createWidget({ 'proxy-url': 'http://localhost/api', 'widget-key': 'wk_site_key' });
      widget.visitor = { id: 'user-42', token: () => 'visitor-token-1' };
      const user = userEvent.setup();
      widget.open();
      await user.type(await composer(widget), 'Hello{Enter}');
      await waitFor(() =>
        expect(requests.some((request) => request.url.endsWith('/v1/chat/stream'))).toBe(true),
      );
      const turn = requests.find((request) => request.url.endsWith('/v1/chat/stream'))!;
      expect(turn.headers.get('x-visitor-token')).toBe('visitor-token-1');
      await waitFor(() => expect(inWidget(widget).getByRole('button', { name: 'Helpful' })).toBeTruthy());
      await user.click(inWidget(widget).getByRole('button', { name: 'Your conversations' }));
      await waitFor(() => expect(inWidget(widget).getByText('No conversations yet.')).toBeTruthy());
      expect(requests.at(-1)?.headers.get('x-visitor-token')).toBe('visitor-token-1');
      await waitFor(() => expect(localStorage.getItem('vapi-chat-kit:widget:user-42')).toContain('Hello'));
      expect(localStorage.getItem('vapi-chat-kit:widget')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('is defined once, whatever the number of calls', () => {
    expect(defineVapiChatWidget()).toBe(VapiChatWidgetElement);
    expect(defineVapiChatWidget('vapi-chat-widget')).toBe(VapiChatWidgetElement);
    expect(customElements.get('vapi-chat-widget')).toBe(VapiChatWidgetElement);
    const other = defineVapiChatWidget('acme-support-chat');
    expect(other).not.toBe(VapiChatWidgetElement);
    expect(document.createElement('acme-support-chat')).toBeInstanceOf(VapiChatWidgetElement);
  });

  it('renders a named launcher in an open shadow root, and no panel before the first open', () => {
    const widget = createWidget();
    expect(widget.shadowRoot).not.toBeNull();
    const button = inWidget(widget).getByRole('button', { name: 'Open support chat' });
    expect(button).toBe(launcher(widget));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveAttribute('aria-controls', 'vcw-panel');
    expect(button).toHaveAttribute('part', 'launcher');
    expect(panel(widget)).toHaveAttribute('hidden');
    expect(panel(widget).childElementCount).toBe(0);
    expect(shadow(widget).querySelector('style[data-vck-ui]')).toBeNull();
  });

  it('opens, closes and toggles, reflecting `open`, aria-expanded and the name, with events', async () => {
    const { transport } = scriptedTransport();
    const widget = createWidget({}, transport);
    const events: string[] = [];
    document.addEventListener('vapi-chat-widget:open', (event) => events.push(event.type));
    document.addEventListener('vapi-chat-widget:close', (event) => events.push(event.type));

    widget.open();
    expect(widget.isOpen).toBe(true);
    expect(widget).toHaveAttribute('open');
    expect(launcher(widget)).toHaveAttribute('aria-expanded', 'true');
    expect(launcher(widget)).toHaveAccessibleName('Close support chat');
    expect(panel(widget)).not.toHaveAttribute('hidden');
    await composer(widget);

    expect(launcher(widget).querySelector('.vcw-icon-chat')).toHaveAttribute('hidden');
    expect(launcher(widget).querySelector('.vcw-icon-close')).not.toHaveAttribute('hidden');

    widget.close();
    expect(widget.isOpen).toBe(false);
    expect(widget).not.toHaveAttribute('open');
    expect(launcher(widget)).toHaveAttribute('aria-expanded', 'false');
    expect(launcher(widget).querySelector('.vcw-icon-chat')).not.toHaveAttribute('hidden');
    expect(launcher(widget).querySelector('.vcw-icon-close')).toHaveAttribute('hidden');
    expect(panel(widget)).toHaveAttribute('hidden');

    widget.toggle();
    expect(widget.isOpen).toBe(true);
    widget.toggle();
    expect(widget.isOpen).toBe(false);

    widget.setAttribute('open', '');
    expect(widget.isOpen).toBe(true);
    widget.removeAttribute('open');
    expect(widget.isOpen).toBe(false);
    expect(events).toEqual([
      'vapi-chat-widget:open',
      'vapi-chat-widget:close',
      'vapi-chat-widget:open',
      'vapi-chat-widget:close',
      'vapi-chat-widget:open',
      'vapi-chat-widget:close',
    ]);
  });

  it('loads the panel on first open, with ui styles in the shadow root, and focuses the composer', async () => {
    const { transport } = scriptedTransport();
    const widget = createWidget({ heading: 'TechFlow support', theme: 'dark' }, transport);
    const user = userEvent.setup();
    await user.click(launcher(widget));
    const textarea = await composer(widget);
    await waitFor(() => expect(shadow(widget).activeElement).toBe(textarea));
    expect(shadow(widget).querySelector('style[data-vck-ui]')).not.toBeNull();
    const window = panel(widget).querySelector('.vck-window')!;
    expect(window).toHaveAttribute('data-theme', 'dark');
    expect(inWidget(widget).getByRole('region', { name: 'TechFlow support' })).toBe(window);
  });

  it('shows no native tooltip over the open panel: a title attribute becomes heading', async () => {
    const { transport } = scriptedTransport();
    const widget = createWidget({ title: 'TechFlow support' }, transport);
    expect(widget.hasAttribute('title')).toBe(false);
    expect(widget.getAttribute('heading')).toBe('TechFlow support');
    widget.open();
    await composer(widget);
    expect(inWidget(widget).getByRole('region', { name: 'TechFlow support' })).toBeInTheDocument();
    // Set later, by a framework re-rendering the old attribute, it moves too (heading set wins).
    widget.setAttribute('title', 'Help');
    expect(widget.hasAttribute('title')).toBe(false);
    expect(widget.getAttribute('heading')).toBe('TechFlow support');
    widget.removeAttribute('heading');
    widget.setAttribute('title', 'Help');
    const region = await waitFor(() => inWidget(widget).getByRole('region', { name: 'Help' }));
    // Nothing above the panel carries a title (the icon buttons keep theirs).
    expect(region).not.toHaveAttribute('title');
    expect(widget.closest('[title]')).toBeNull();
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const { transport } = scriptedTransport();
    const widget = createWidget({}, transport);
    const user = userEvent.setup();
    launcher(widget).focus();
    await user.keyboard('{Enter}');
    const textarea = await composer(widget);
    await waitFor(() => expect(shadow(widget).activeElement).toBe(textarea));
    await user.keyboard('{Escape}');
    expect(widget.isOpen).toBe(false);
    expect(shadow(widget).activeElement).toBe(launcher(widget));
    expect(document.activeElement).toBe(widget);
  });

  it("closes from the window's close button, focus back on the launcher", async () => {
    const { transport } = scriptedTransport();
    const widget = createWidget({}, transport);
    const user = userEvent.setup();
    widget.open();
    await composer(widget);
    await user.click(inWidget(widget).getByRole('button', { name: 'Close chat' }));
    expect(widget.isOpen).toBe(false);
    expect(shadow(widget).activeElement).toBe(launcher(widget));
  });

  it('keeps the open state across a new element instance (a page navigation)', async () => {
    const { transport } = scriptedTransport();
    const first = createWidget({}, transport);
    first.open();
    await composer(first);
    first.remove();

    const second = createWidget({}, transport);
    expect(second.isOpen).toBe(true);
    expect(launcher(second)).toHaveAttribute('aria-expanded', 'true');
    await composer(second);
    second.close();
    second.remove();

    const third = createWidget({ open: '' }, transport);
    expect(third.isOpen).toBe(false); // the visitor closed it: that wins over the page's `open`
  });

  it('sends a message, shows the reply and dispatches it as vapi-chat-widget:message', async () => {
    const { transport, requests } = scriptedTransport();
    const widget = createWidget({ greeting: 'Hi! How can I help?' }, transport);
    const replies: string[] = [];
    widget.addEventListener('vapi-chat-widget:message', (event) => replies.push(event.detail.message.text));
    const user = userEvent.setup();
    widget.open();
    await user.type(await composer(widget), 'Where is my invoice?{Enter}');
    await waitFor(() => expect(replies).toEqual(['Hello there.']));
    expect(requests.map((request) => request.text)).toEqual(['Where is my invoice?']);
    const log = inWidget(widget).getByRole('log');
    await waitFor(() => expect(log).toHaveTextContent('Hello there.'));
    expect(log).toHaveTextContent('Hi! How can I help?');
    expect(JSON.stringify(localStorage.getItem('vapi-chat-kit:widget'))).toContain('Where is my invoice?');
  });

  it('counts replies that finish while closed in a badge and in the launcher name', async () => {
    const { transport, release } = scriptedTransport({ hold: true });
    const widget = createWidget({}, transport);
    const user = userEvent.setup();
    widget.open();
    await user.type(await composer(widget), 'Hello{Enter}');
    await waitFor(() => expect(inWidget(widget).getByRole('log')).toHaveTextContent('Hello'));
    widget.close();
    expect(badge(widget)).toHaveAttribute('hidden');
    release();
    await waitFor(() => expect(widget.unreadCount).toBe(1));
    expect(badge(widget)).not.toHaveAttribute('hidden');
    expect(badge(widget)).toHaveTextContent('1');
    expect(launcher(widget)).toHaveAccessibleName('Open support chat, 1 new reply');
    expect(sessionStorage.getItem('vapi-chat-widget:widget:unread')).toBe('1');

    widget.open();
    expect(widget.unreadCount).toBe(0);
    expect(badge(widget)).toHaveAttribute('hidden');
    expect(launcher(widget)).toHaveAccessibleName('Close support chat');
  });

  it('sends through a transport given after the panel has loaded', async () => {
    const first = scriptedTransport();
    const second = scriptedTransport();
    const widget = createWidget({}, first.transport);
    const user = userEvent.setup();
    widget.open();
    await composer(widget);
    widget.transport = second.transport;
    expect(widget.transport).toBe(second.transport);
    await user.type(await composer(widget), 'Hello{Enter}');
    await waitFor(() => expect(second.requests.map((request) => request.text)).toEqual(['Hello']));
    expect(first.requests).toEqual([]);
  });

  it('speaks French with lang="fr"', () => {
    const widget = createWidget({ lang: 'fr' });
    expect(launcher(widget)).toHaveAccessibleName("Ouvrir le chat d'assistance");
    widget.setAttribute('lang', 'en');
    expect(launcher(widget)).toHaveAccessibleName('Open support chat');
  });

  it('shows the greeting bubble after greeting-delay, and remembers its dismissal', async () => {
    vi.useFakeTimers();
    const attributes = { greeting: 'Questions about pricing?', 'greeting-delay': '3000' };
    const widget = createWidget(attributes);
    vi.advanceTimersByTime(2999);
    expect(greeting(widget)).toHaveAttribute('hidden');
    vi.advanceTimersByTime(1);
    expect(greeting(widget)).not.toHaveAttribute('hidden');
    expect(greeting(widget)).toHaveTextContent('Questions about pricing?');
    vi.useRealTimers();

    const dismiss = inWidget(widget).getByRole('button', { name: 'Dismiss greeting' });
    dismiss.focus();
    await userEvent.setup().click(dismiss);
    expect(greeting(widget)).toHaveAttribute('hidden');
    expect(shadow(widget).activeElement).toBe(launcher(widget));
    expect(localStorage.getItem('vapi-chat-widget:widget:greeting-dismissed')).toBe('1');
    widget.remove();

    vi.useFakeTimers();
    const again = createWidget(attributes);
    vi.advanceTimersByTime(10_000);
    expect(greeting(again)).toHaveAttribute('hidden');
  });

  it('shows no greeting bubble without greeting-delay', () => {
    vi.useFakeTimers();
    const widget = createWidget({ greeting: 'Questions about pricing?' });
    vi.advanceTimersByTime(60_000);
    expect(greeting(widget)).toHaveAttribute('hidden');
  });

  it('has no axe violations: the launcher with a badge and greeting, then the open panel', async () => {
    const { transport, release } = scriptedTransport({ hold: true });
    const widget = createWidget({ greeting: 'Questions?', 'greeting-delay': '0' }, transport);
    await waitFor(() => expect(greeting(widget)).not.toHaveAttribute('hidden'));
    expect(await axeViolations(document.body)).toEqual([]);

    const user = userEvent.setup();
    widget.open();
    await user.type(await composer(widget), 'Hello{Enter}');
    widget.close();
    release();
    await waitFor(() => expect(widget.unreadCount).toBe(1));
    expect(await axeViolations(document.body)).toEqual([]);

    widget.open();
    await waitFor(() => expect(inWidget(widget).getByRole('log')).toHaveTextContent('Hello there.'));
    expect(await axeViolations(document.body)).toEqual([]);
  });
});
