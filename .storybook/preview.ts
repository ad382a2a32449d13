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
  // Toolbar switches for the window's and the widget's stories: theme, text direction and language. "As
  // written" keeps each story's own args, which is what the story tests run.
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
    vckLang: {
      description: "The kit's language",
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'story', title: 'As written' },
          { value: 'en', title: 'English' },
          { value: 'fr', title: 'Français' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { vckTheme: 'story', vckDir: 'story', vckLang: 'story' },
  decorators: [
    (Story, context) => {
      // Each switch set to something other than "As written" becomes the story's arg of that name: the
      // window's `theme` and `dir`, and `lang` (the window's labels in the stories' frame, the widget's
      // attribute).
      const chosen = Object.entries({
        theme: context.globals.vckTheme as string | undefined,
        dir: context.globals.vckDir as string | undefined,
        lang: context.globals.vckLang as string | undefined,
      }).filter(([, value]) => value !== undefined && value !== 'story');
      if (chosen.length === 0) return Story();
      return Story({ args: { ...context.args, ...Object.fromEntries(chosen) } });
    },
  ],
};

export default preview;
