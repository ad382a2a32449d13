/** Stylesheets the pages import for esbuild to bundle. */
declare module '*.css';
