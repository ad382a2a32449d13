import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.ts';
import { childPids } from './proc-stats.ts';

/** The peer: Debian's nginx, one worker, streaming the emulator's `/chat` through without buffering. */
export interface NginxServer {
  readonly url: string;
  readonly masterPid: number;
  readonly workerPid: number;
  readonly version: string;
  stop(): Promise<void>;
}

/** `NGINX_PATH`, else `nginx` on `PATH` or in the usual sbin folders (not on a user's `PATH`). */
export function findNginx(): string | undefined {
  if (process.env.NGINX_PATH) return process.env.NGINX_PATH;
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return folders.map((folder) => join(folder, 'nginx')).find((candidate) => existsSync(candidate));
}

/** A port free now; nginx cannot bind port 0 and tell us which it got. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * The config a user would write to hide the key behind nginx: the key is added here, the body passes through.
 * `worker_processes 1` to match our proxy's single Node process.
 */
export function nginxConfig(options: {
  readonly directory: string;
  readonly port: number;
  readonly upstreamPort: number;
  readonly apiKey: string;
}): string {
  const { directory, port, upstreamPort, apiKey } = options;
  return `daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 16384;
pid ${directory}/nginx.pid;
error_log stderr warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${directory}/client_body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  keepalive_timeout 5s;
  upstream emulator {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location = /chat {
      proxy_pass http://emulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer ${apiKey}";
      proxy_buffering off;
    }
  }
}
`;
}

/**
 * Starts nginx in the foreground with a generated config in `directory`, in front of the emulator.
 *
 * @example
 * const nginx = await startNginx({ binary, directory, upstreamPort, apiKey });
 * await nginx.stop();
 */
export async function startNginx(options: {
  readonly binary: string;
  readonly directory: string;
  readonly upstreamPort: number;
  readonly apiKey: string;
}): Promise<NginxServer> {
  const { binary, directory } = options;
  mkdirSync(directory, { recursive: true });
  const version = await new Promise<string>((resolve) => {
    const probe = startProcess('nginx -v', binary, ['-v']);
    probe.child.once('exit', () =>
      resolve(
        probe
          .stderrTail()
          .trim()
          .replace(/^nginx version: /, ''),
      ),
    );
  });
  let lastError = '';
  // The free port may be taken between the probe and nginx's bind: try another.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const configPath = join(directory, 'nginx.conf');
    writeFileSync(configPath, nginxConfig({ ...options, port }));
    const master: ManagedProcess = startProcess('nginx', binary, [
      '-p',
      `${directory}/`,
      '-c',
      configPath,
      '-e',
      'stderr',
    ]);
    const deadline = Date.now() + 10_000;
    let workerPid: number | undefined;
    while (Date.now() < deadline && master.child.exitCode === null) {
      workerPid = childPids(master.pid)[0];
      if (workerPid !== undefined && (await canConnect(port))) {
        const worker = workerPid;
        return {
          url: `http://127.0.0.1:${port}`,
          masterPid: master.pid,
          workerPid: worker,
          version,
          async stop() {
            await master.stop();
            // A master killed hard leaves its worker behind; check the pid is still that worker.
            try {
              if (readFileSync(`/proc/${worker}/cmdline`, 'utf8').includes('nginx'))
                process.kill(worker, 'SIGKILL');
            } catch {
              // Already gone with its master.
            }
          },
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lastError = master.stderrTail().trim();
    await master.stop();
  }
  throw new Error(`nginx did not start: ${lastError}`);
}
