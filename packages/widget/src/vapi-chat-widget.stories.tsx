import type { ChatEvent, ChatTransport } from '@vapi-chat-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef } from 'react';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { defineVapiChatWidget, type VapiChatWidgetElement } from './vapi-chat-widget-element';
// The element loads its panel on first open; imported here too, so that Vite bundles the panel's
// dependencies up front instead of reloading the page when a story first opens the widget.
import './widget-panel';

defineVapiChatWidget();

/** A transport that answers each question after `delayMs`, a few words at a time; no network. */
function helpDesk(delayMs = 40): ChatTransport {
  let turns = 0;
  return {
    async *sendTurn({ text }): AsyncIterable<ChatEvent> {
      turns += 1;
      const reply = `Thanks! About "${text}": our team answers billing questions within a day.`;
      yield { type: 'turn-start', chatId: `chat-${turns}` };
      for (const word of reply.split(/(?<= )/)) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        yield { type: 'text-delta', text: word };
      }
      yield { type: 'turn-end', chatId: `chat-${turns}`, text: reply };
    },
  };
}

/** The element's attributes, as the story's controls. */
interface WidgetArgs {
  readonly heading?: string | undefined;
  readonly subtitle?: string | undefined;
  readonly greeting?: string | undefined;
  readonly 'greeting-delay'?: string | undefined;
  readonly theme?: 'light' | 'dark' | 'auto' | undefined;
  readonly position?: 'bottom-right' | 'bottom-left' | undefined;
  readonly lang?: 'en' | 'fr' | undefined;
  readonly open?: boolean | undefined;
  readonly 'chat-id'?: string | undefined;
  /** A transport of one's own (the `transport` property); stories answer offline. */
  readonly transport?: ChatTransport | undefined;
}

/** `<vapi-chat-widget>` made as a page makes it: `createElement`, attributes, then appended. */
function WidgetHost({ transport, ...attributes }: WidgetArgs) {
  const host = useRef<HTMLDivElement>(null);
  // A new element only when an attribute or the transport changes (Storybook renders a story again when
  // nothing changed, and a play function holds on to the element it found).
  const attributesKey = JSON.stringify(attributes);
  useEffect(() => {
    const widget = document.createElement('vapi-chat-widget');
    for (const [name, value] of Object.entries(attributes)) {
      if (value === true) widget.setAttribute(name, '');
      else if (typeof value === 'string') widget.setAttribute(name, value);
    }
    widget.transport = transport ?? helpDesk();
    host.current?.append(widget);
    return () => widget.remove();
    // `attributes` is read through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attributesKey, transport]);
  return (
    <div ref={host}>
      <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24, maxWidth: 520 }}>
        <h1>TechFlow help center</h1>
        <p>The support chat waits in the corner of every page.</p>
      </main>
    </div>
  );
}

const meta = {
  title: 'widget/<vapi-chat-widget>',
  component: WidgetHost,
  parameters: { layout: 'fullscreen' },
  args: { heading: 'TechFlow support', subtitle: 'Typically replies in seconds', 'chat-id': 'story' },
  argTypes: {
    heading: { description: "The window's title.", control: 'text' },
    subtitle: { description: 'A line under the title.', control: 'text' },
    greeting: { description: 'A bubble beside the closed launcher, and the first message once open.' },
    'greeting-delay': { description: 'Milliseconds before the greeting bubble shows.', control: 'text' },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    position: { control: 'inline-radio', options: ['bottom-right', 'bottom-left'] },
    lang: {
      description: "The launcher's and the window's language.",
      control: 'inline-radio',
      options: ['en', 'fr'],
    },
    open: { description: 'Open on load (reflects the state).', control: 'boolean' },
    'chat-id': { description: 'Names the stored transcript and open state (default `widget`).' },
    transport: { control: false },
  },
  // Each story starts closed, unread at 0 and with no stored transcript, as on a first visit.
  beforeEach: () => {
    for (const storage of [sessionStorage, localStorage]) {
      for (const key of Object.keys(storage))
        if (key.startsWith('vapi-chat-widget:')) storage.removeItem(key);
    }
  },
} satisfies Meta<typeof WidgetHost>;

export default meta;
type Story = StoryObj<typeof meta>;

const widgetIn = async (canvasElement: HTMLElement) =>
  waitFor(() => {
    const widget = canvasElement.querySelector('vapi-chat-widget');
    if (!widget?.shadowRoot) throw new Error('no widget yet');
    return widget;
  });
const inShadow = (widget: VapiChatWidgetElement) => within(widget.shadowRoot as unknown as HTMLElement);
/**
 * Writes a question into the widget's composer and presses Enter. user-event's typing does not reach React
 * inside the element's shadow root here (the widget's own tests type with it); the input event a browser
 * fires for typed text does.
 */
async function ask(composer: HTMLElement, text: string) {
  composer.focus();
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(composer, text);
  await fireEvent.input(composer);
  await fireEvent.keyDown(composer, { key: 'Enter' });
}
/** Waits for the widget's animations (pop-ins, fades) to end, so axe reads the colours at rest. */
async function settled(widget: VapiChatWidgetElement) {
  const ending = (widget.shadowRoot?.getAnimations() ?? []).filter(
    (animation) => animation.effect?.getComputedTiming().endTime !== Infinity,
  );
  await Promise.all(ending.map((animation) => animation.finished));
}
const composerOf = (widget: VapiChatWidgetElement) =>
  inShadow(widget).findByRole('textbox', { name: 'Message' }, { timeout: 8000 });

/** Closed: the launcher alone, named for screen readers; the panel's code is not loaded yet. */
export const Closed: Story = {
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    const launcher = inShadow(widget).getByRole('button', { name: 'Open support chat' });
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    await expect(widget.shadowRoot?.querySelector('#vcw-panel')).not.toBeVisible();
    await expect(widget.shadowRoot?.querySelector('.vck-window')).toBeNull();
    await settled(widget);
  },
};

/** A greeting bubble beside the closed launcher (announced politely); Escape dismisses it. */
export const Greeting: Story = {
  args: { greeting: 'Hi! 👋 Questions about billing or your plan?', 'greeting-delay': '0' },
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    const bubble = await inShadow(widget).findByRole('status');
    await waitFor(() => expect(bubble).toBeVisible());
    await expect(bubble).toHaveTextContent('Questions about billing or your plan?');
    await settled(widget);
  },
};

/** Open: the chat window in the element's shadow root; focus moves into the composer; a question is answered. */
export const Open: Story = {
  args: { open: true, greeting: 'Hi! How can I help?' },
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    const composer = await composerOf(widget);
    await expect(inShadow(widget).getByRole('button', { name: 'Close support chat' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await ask(composer, 'Can I pay yearly?');
    await waitFor(
      () =>
        expect(
          [
            ...(widget.shadowRoot?.querySelectorAll(
              '.vck-message[data-role="assistant"][data-status="done"]',
            ) ?? []),
          ].at(-1),
        ).toHaveTextContent(/our team answers billing questions/),
      { timeout: 6000 },
    );
    // Escape closes the panel and gives focus back to the launcher.
    await userEvent.keyboard('{Escape}');
    await expect(widget.isOpen).toBe(false);
    // Focus inside a shadow root shows on the document as the host element.
    await expect(widget.shadowRoot?.activeElement).toBe(
      inShadow(widget).getByRole('button', { name: 'Open support chat' }),
    );
    await settled(widget);
  },
};

/** A reply that finishes while the panel is closed counts as unread: a badge, and the launcher says so. */
export const UnreadBadge: Story = {
  args: { open: true, transport: helpDesk(120) },
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    await ask(await composerOf(widget), 'Where is my invoice?');
    widget.close();
    const launcher = await inShadow(widget).findByRole(
      'button',
      { name: 'Open support chat, 1 new reply' },
      { timeout: 8000 },
    );
    await expect(widget.unreadCount).toBe(1);
    await expect(widget.shadowRoot?.querySelector('.vcw-badge')).toHaveTextContent('1');
    await userEvent.click(launcher);
    await expect(widget.unreadCount).toBe(0);
    await settled(widget);
  },
};

/** French: the launcher's and the window's texts follow `lang`. */
export const French: Story = {
  args: { open: true, lang: 'fr', heading: 'Assistance TechFlow', subtitle: 'Réponse en quelques secondes' },
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    await inShadow(widget).findByRole('textbox', { name: 'Message' }, { timeout: 8000 });
    await expect(inShadow(widget).getByRole('button', { name: "Fermer le chat d'assistance" })).toBeVisible();
    await settled(widget);
  },
};

/**
 * On a phone (a viewport 480 px wide or less) the open panel is a full-screen sheet that follows the
 * visual viewport, so the composer stays above the keyboard; the launcher hides behind it.
 */
export const Mobile: Story = {
  args: { open: true },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  play: async ({ canvasElement }) => {
    const widget = await widgetIn(canvasElement);
    await composerOf(widget);
    const panel = widget.shadowRoot?.querySelector<HTMLElement>('#vcw-panel');
    await expect(window.innerWidth).toBeLessThanOrEqual(480);
    await waitFor(() => expect(panel?.getBoundingClientRect().width).toBe(window.innerWidth));
    await expect(widget.shadowRoot?.querySelector('.vcw-launcher')).not.toBeVisible();
    await settled(widget);
  },
};
