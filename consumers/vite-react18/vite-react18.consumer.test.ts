import { viteReactSuite } from '../support/vite-react-suite';

// The same sources as vite-react19 (copied from there), with this folder's package.json: React 18.3.1.
viteReactSuite({ app: 'vite-react18', react: '18.3.1', sharedFrom: ['vite-react19'] });
