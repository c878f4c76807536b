/**
 * moto in server mode (a local AWS emulator from PyPI) for integration tests: installed into .venv
 * when missing, started on a free loopback port, stopped by the caller. If it cannot be installed or
 * started, the test fails.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const VENV = path.join(ROOT, '.venv');
const MOTO = path.join(VENV, 'bin', 'moto_server');

function ensureMoto(): void {
  if (fs.existsSync(MOTO)) return;
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', 'moto[server]>=5,<6'], { stdio: 'inherit', timeout: 480_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`moto_server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A running moto server and the environment that points the SDK at it. */
export interface MotoServer {
  readonly env: Record<string, string>;
  stop(): void;
}

/** Installs moto when missing, starts it and waits until it listens. */
export async function startMoto(): Promise<MotoServer> {
  ensureMoto();
  const port = await freePort();
  const proc: ChildProcess = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  try {
    await waitForPort(port, 60_000);
  } catch (e) {
    proc.kill();
    throw e;
  }
  return {
    env: {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    stop: () => {
      proc.kill();
    },
  };
}
