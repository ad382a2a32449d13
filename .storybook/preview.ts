import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  parameters: {
    // An axe violation fails the story, in the browser and in `vitest --project storybook`.
    a11y: { test: 'error' },
    layout: 'centered',
  },
};

export default preview;
