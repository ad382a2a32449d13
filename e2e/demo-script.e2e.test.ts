import { spawn } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, root } from './support/processes';

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm run demo', () => {
  it('stops what it started when a later step fails (the emulator’s port is taken)', async () => {
    const proxyPort = await freePort();
    const takenPort = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(takenPort, '127.0.0.1', resolve));
    try {
      const child = spawn('bash', ['scripts/demo.sh'], {
        cwd: root,
        env: { ...process.env, PORT: String(proxyPort), VAPI_WEB_PORT: String(takenPort), NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, output).not.toBe(0);
      expect(output).toContain(`Listening on http://127.0.0.1:${proxyPort}`);
      // The proxy it had started is gone: the next `npm run demo` finds its port free.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await listening(proxyPort)).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
