#!/usr/bin/env node
// Launcher for the built CLI; `pnpm start` runs the TypeScript source instead.
import { runCli } from '../dist/cli.js';

runCli(process.argv.slice(2), process.env).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
