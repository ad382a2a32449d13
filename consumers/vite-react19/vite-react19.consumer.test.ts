import { viteReactSuite } from '../support/vite-react-suite';

viteReactSuite({ app: 'vite-react19', react: '19.3.1' });
