// Empties a package's dist before its build, so what it packs holds this build's files only (Vite keeps
// dist between builds: tsc writes the declarations there first, and hashed chunks of older builds stay).
import { rmSync } from 'node:fs';

rmSync(process.argv[2] ?? 'dist', { recursive: true, force: true });
