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

/** Written into the virtual environment once pip has installed moto and everything it needs. */
const INSTALLED = path.join(VENV, '.moto-installed');
/** Held (an exclusive directory) by the one jest worker that installs moto; the others wait for it. */
const LOCK = `${VENV}.install-lock`;
const INSTALL_TIMEOUT_MS = 600_000;

/**
 * Installs moto into .venv once, however many test files ask for it at the same time: jest runs
 * them in parallel workers, and a worker that found the environment half-made by another (a venv
 * without pip yet, or a moto_server whose dependencies were still being installed) failed.
 */
async function ensureMoto(): Promise<void> {
  const until = Date.now() + INSTALL_TIMEOUT_MS;
  while (!fs.existsSync(INSTALLED)) {
    let mine = false;
    try {
      fs.mkdirSync(LOCK);
      mine = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (mine) {
      try {
        if (!fs.existsSync(INSTALLED)) {
          if (!fs.existsSync(path.join(VENV, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
          execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', 'moto[server]>=5,<6'], { stdio: 'inherit', timeout: INSTALL_TIMEOUT_MS });
          fs.writeFileSync(INSTALLED, 'moto[server]>=5,<6\n');
        }
      } finally {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > until) {
      throw new Error(`moto was not installed into ${VENV} within ${INSTALL_TIMEOUT_MS / 1000} s: another test process holds ${LOCK} (remove it if no test is running)`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
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
  /** Stops the server and resolves once its process has exited (jest then has nothing left to wait for). */
  stop(): Promise<void>;
}

/** How long moto gets to exit on SIGTERM before it is killed. */
const STOP_GRACE_MS = 3_000;

/** Ends the process (SIGTERM, then SIGKILL after the grace period) and resolves when it has exited. */
function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill();
  });
}

/** Installs moto when missing, starts it and waits until it listens. */
export async function startMoto(): Promise<MotoServer> {
  await ensureMoto();
  const port = await freePort();
  const proc: ChildProcess = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  try {
    await waitForPort(port, 60_000);
  } catch (e) {
    await stopProcess(proc);
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
    stop: () => stopProcess(proc),
  };
}
