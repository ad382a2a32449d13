import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ChatComposerBar } from '../composer/chat-composer-bar';
import { PartWindow } from '../testing/part-window';
import { scriptedChatTransport } from '../testing/scripted-chat-transport';
import { labelsFr } from './chat-labels';
import { LabelsProvider } from './labels-context';

const meta = {
  title: 'ui/Parts/LabelsProvider',
  component: LabelsProvider,
  args: { labels: labelsFr, children: null },
  render: (args) => (
    <PartWindow transport={scriptedChatTransport([])}>
      <LabelsProvider {...args}>
        <ChatComposerBar />
      </LabelsProvider>
    </PartWindow>
  ),
} satisfies Meta<typeof LabelsProvider>;

export default meta;

/** Every text the parts show or announce, replaced in part or in whole: here French (`labelsFr`). */
export const French: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('textbox', { name: labelsFr.composerLabel })).toBeVisible();
    await expect(canvas.getByRole('button', { name: labelsFr.send })).toBeVisible();
  },
};

/** One label changed, the others kept. */
export const OneLabel: StoryObj<typeof meta> = {
  args: { labels: { send: 'Ask' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Ask' })).toBeVisible();
    await expect(within(canvasElement).getByRole('textbox', { name: 'Message' })).toBeVisible();
  },
};
