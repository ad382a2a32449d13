import { defaultClientConditions, defineConfig } from 'vite';

// The library build: ESM for bundlers, React and @vapi-chat-kit/* external. The panel stays a separate
// chunk (a dynamic import); ui's stylesheet is inlined into it as a string (`?inline`), so consumers'
// bundlers need no CSS handling.
export default defineConfig({
  resolve: { conditions: ['@vapi-chat-kit/source', ...defaultClientConditions] },
  build: {
    lib: { entry: { index: 'src/index.ts', embed: 'src/embed.ts' }, formats: ['es'] },
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    rolldownOptions: {
      external: (id) => /^(react|react-dom)(\/.*)?$/.test(id) || /^@vapi-chat-kit\/(?!.*\?inline$)/.test(id),
    },
  },
});
