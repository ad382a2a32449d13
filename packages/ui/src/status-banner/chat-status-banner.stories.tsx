import { NetworkError } from '@vapi-chat-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { ChatStatusBanner } from './chat-status-banner';

const meta = {
  title: 'ui/Parts/ChatStatusBanner',
  component: ChatStatusBanner,
  render: () => (
    <PartWindow
      transport={scriptedChatTransport([{ error: new NetworkError('dropped'), firstTokenDelayMs: 10 }])}
    >
      <ChatStatusBanner />
      <ChatComposerBar showHint={false} />
    </PartWindow>
  ),
} satisfies Meta<typeof ChatStatusBanner>;

export default meta;

/** The chat-wide line for the last turn's error (an alert in the user's words), offline, or a 429. */
export const AfterAFailure: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    await expect(await canvas.findByRole('alert', {}, { timeout: 4000 })).toHaveTextContent(
      'Connection lost. Check your network and retry.',
    );
  },
};
