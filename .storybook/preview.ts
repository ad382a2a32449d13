import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  // A docs page for every component with stories: its props from the TypeScript types, with their JSDoc.
  tags: ['autodocs'],
  parameters: {
    docs: {
      // A component's JSDoc, as its docs page shows it: the `@example` is code (a fenced block), not
      // markdown, where JSX would be read as HTML tags.
      extractComponentDescription: (component: unknown) => {
        const info = (component as { __docgenInfo?: { description?: string } } | undefined)?.__docgenInfo;
        const description = info?.description ?? '';
        return description.replace(
          /@example\s*\n([\s\S]*)$/,
          (_match, code: string) => `**Example**\n\n\`\`\`tsx\n${code.trim()}\n\`\`\``,
        );
      },
    },
    // An axe violation fails the story, in the browser and in `vitest --project storybook`.
    a11y: { test: 'error' },
    layout: 'centered',
  },
  // Toolbar switches for ChatWindow stories (ui): the theme and the text direction. "As written" keeps
  // each story's own args, which is what the story tests run.
  globalTypes: {
    vckTheme: {
      description: 'ChatWindow theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'story', title: 'As written' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (system)' },
        ],
        dynamicTitle: true,
      },
    },
    vckDir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'story', title: 'As written' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { vckTheme: 'story', vckDir: 'story' },
  decorators: [
    (Story, context) => {
      const theme = context.globals.vckTheme as string | undefined;
      const dir = context.globals.vckDir as string | undefined;
      if ((!theme || theme === 'story') && (!dir || dir === 'story')) return Story();
      return Story({
        args: {
          ...context.args,
          ...(theme && theme !== 'story' ? { theme } : {}),
          ...(dir && dir !== 'story' ? { dir } : {}),
        },
      });
    },
  ],
};

export default preview;
