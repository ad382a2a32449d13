import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, waitFor } from 'storybook/test';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { makeHistory, StoryChat } from '../testing/story-chat';

/** The tokens the playground's controls set, with the `--vck-*` custom property each one writes. */
interface PlaygroundArgs {
  /** `--vck-accent`, `--vck-focus-ring` and `--vck-user-bubble-bg`: buttons, focus and the user's bubble. */
  readonly accent: string;
  /** `--vck-accent-text` and `--vck-user-bubble-text`: text on the accent. */
  readonly accentText: string;
  /** `--vck-bg`: the window. */
  readonly background: string;
  /** `--vck-text`: the window's text. */
  readonly text: string;
  /** `--vck-assistant-bubble-bg`: the assistant's bubble. */
  readonly assistantBubble: string;
  /** `--vck-radius`: the window's corners, in px. */
  readonly radius: number;
  /** `--vck-bubble-radius`: the bubbles' corners, in px. */
  readonly bubbleRadius: number;
  /** `--vck-font-size`, in px. */
  readonly fontSize: number;
  /** `--vck-font-family`. */
  readonly fontFamily: string;
  readonly theme?: 'light' | 'dark' | 'auto' | undefined;
  readonly dir?: 'ltr' | 'rtl' | undefined;
  readonly lang?: 'en' | 'fr' | undefined;
}

/** The tokens as the inline style of the window (its own declarations lose to an inline style). */
function tokens(args: PlaygroundArgs): CSSProperties {
  return {
    '--vck-accent': args.accent,
    '--vck-accent-hover': args.accent,
    '--vck-focus-ring': args.accent,
    '--vck-user-bubble-bg': args.accent,
    '--vck-accent-text': args.accentText,
    '--vck-user-bubble-text': args.accentText,
    '--vck-bg': args.background,
    '--vck-text': args.text,
    '--vck-assistant-bubble-bg': args.assistantBubble,
    '--vck-assistant-bubble-text': args.text,
    '--vck-radius': `${args.radius}px`,
    '--vck-bubble-radius': `${args.bubbleRadius}px`,
    '--vck-font-size': `${args.fontSize}px`,
    '--vck-font-family': args.fontFamily,
  } as CSSProperties;
}

const transport = scriptedChatTransport([{ text: 'Plans change at the end of the billing period.' }]);
const history = makeHistory(4);

function Playground(args: PlaygroundArgs) {
  const { theme, dir, lang } = args;
  return (
    <StoryChat
      transport={transport}
      history={history}
      title="Your brand"
      subtitle="Set the tokens in Controls"
      style={tokens(args)}
      theme={theme ?? 'light'}
      dir={dir}
      lang={lang}
      height={560}
    />
  );
}

const meta = {
  title: 'ui/Theming playground',
  component: Playground,
  // A tool, not a component: no docs page of its own (the guide's Theming page explains the tokens).
  tags: ['!autodocs'],
  args: {
    accent: '#5b21b6',
    accentText: '#ffffff',
    background: '#ffffff',
    text: '#111827',
    assistantBubble: '#f3f0fa',
    radius: 20,
    bubbleRadius: 14,
    fontSize: 15,
    fontFamily: 'Georgia, serif',
  },
  argTypes: {
    accent: { control: 'color' },
    accentText: { control: 'color' },
    background: { control: 'color' },
    text: { control: 'color' },
    assistantBubble: { control: 'color' },
    radius: { control: { type: 'range', min: 0, max: 32 } },
    bubbleRadius: { control: { type: 'range', min: 0, max: 28 } },
    fontSize: { control: { type: 'range', min: 12, max: 20 } },
    fontFamily: { control: 'text' },
    theme: { table: { disable: true } },
    dir: { table: { disable: true } },
    lang: { table: { disable: true } },
  },
} satisfies Meta<typeof Playground>;

export default meta;

/** Each control sets a `--vck-*` token on the running window, live; copy the values into your CSS. */
export const Tokens: StoryObj<typeof meta> = {
  name: 'Playground',
  play: async ({ canvasElement, args }) => {
    await waitFor(() =>
      expect(canvasElement.querySelector('.vck-message[data-role="user"] .vck-bubble')).not.toBeNull(),
    );
    const window = canvasElement.querySelector<HTMLElement>('.vck-window');
    const bubble = canvasElement.querySelector<HTMLElement>('.vck-message[data-role="user"] .vck-bubble');
    await expect(window?.style.getPropertyValue('--vck-accent')).toBe(args.accent);
    // The computed colours are the controls' values: #5b21b6 and Georgia.
    await expect(getComputedStyle(bubble as HTMLElement).backgroundColor).toBe('rgb(91, 33, 182)');
    await expect(getComputedStyle(window as HTMLElement).fontFamily).toContain('Georgia');
    await expect(getComputedStyle(window as HTMLElement).borderTopLeftRadius).toBe(`${args.radius}px`);
  },
};
