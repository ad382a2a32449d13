// Prints the gzip sizes of the script-tag bundle and checks the launcher's budget: the entry a page
// loads up front must stay small and free of React (the panel chunk brings React on first open).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const folder = path.join(import.meta.dirname, '../dist/embed');
const entryName = 'vapi-chat-widget.js';
const launcherBudget = 8 * 1024;
const reactMarkers = ['react.transitional.element', '__REACT_DEVTOOLS_GLOBAL_HOOK__', 'react-dom'];

const gzipSize = (file) => gzipSync(readFileSync(path.join(folder, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const files = readdirSync(folder).filter((file) => file.endsWith('.js'));
const chunks = files.filter((file) => file !== entryName);
const launcher = gzipSize(entryName);
const panel = chunks.reduce((total, file) => total + gzipSize(file), 0);

console.log('\nscript-tag bundle (dist/embed), gzip:');
console.log(`  launcher  ${entryName.padEnd(48)} ${kb(launcher)}  (budget ${kb(launcherBudget)})`);
for (const file of chunks) console.log(`  panel     ${file.padEnd(48)} ${kb(gzipSize(file))}`);
console.log(`  panel total${' '.repeat(47)} ${kb(panel)}`);

const problems = [];
if (launcher > launcherBudget)
  problems.push(`the launcher is ${kb(launcher)}, over its ${kb(launcherBudget)} budget`);
const entrySource = readFileSync(path.join(folder, entryName), 'utf8');
for (const marker of reactMarkers) {
  if (entrySource.includes(marker)) problems.push(`the launcher contains React ("${marker}")`);
}
if (chunks.length === 0) problems.push('no lazily loaded panel chunk');
if (problems.length > 0) {
  console.error(`\nsize check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
