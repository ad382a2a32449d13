// Makes the relative imports in a package's emitted declarations (`dist/**/*.d.ts`) fully specified
// (`./x.js`, `./x/index.js`), so the types resolve under `moduleResolution: node16 | nodenext` as well as
// `bundler`. Sources import without extensions (bundler resolution); tsc keeps those specifiers as
// written, and tsc-alias only rewrites a specifier when a per-file `.js` exists, which a bundled
// package does not have. Usage: node fix-declaration-imports.mjs <dist folder>
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const folder = path.resolve(process.argv[2] ?? 'dist');
const specifier = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g;
let changed = 0;

for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  const absolute = path.join(folder, file);
  const source = readFileSync(absolute, 'utf8');
  const next = source.replace(specifier, (whole, prefix, quote, target) => {
    if (/\.(js|mjs|cjs|json|css)$/.test(target)) return whole;
    const base = path.resolve(path.dirname(absolute), target);
    if (existsSync(`${base}.d.ts`)) return `${prefix}${quote}${target}.js${quote}`;
    if (existsSync(path.join(base, 'index.d.ts'))) return `${prefix}${quote}${target}/index.js${quote}`;
    throw new Error(`${file}: cannot resolve ${target}`);
  });
  if (next !== source) {
    writeFileSync(absolute, next);
    changed += 1;
  }
}
console.log(`declarations: fully specified imports in ${changed} files`);
