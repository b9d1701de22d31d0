import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Open a URL in the user's browser: $BROWSER (the first of its `:`-separated
 * commands; `%s` replaced by the URL, else the URL appended), else `open` on
 * macOS, `xdg-open` elsewhere when on PATH. Resolves false when there is no
 * browser to open (the caller has printed the URL anyway).
 */
export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const command = browserCommand(url, env);
  if (!command) return false;
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore', detached: true, env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

export function browserCommand(url: string, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const configured = env.BROWSER?.split(':').map((s) => s.trim()).find(Boolean);
  if (configured) {
    const words = configured.split(/\s+/);
    return words.some((w) => w.includes('%s')) ? words.map((w) => w.replace('%s', url)) : [...words, url];
  }
  if (process.platform === 'darwin') return ['open', url];
  if (process.platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', url];
  // Without a display there is nothing xdg-open could show.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return onPath('xdg-open', env) ? ['xdg-open', url] : undefined;
}

/** Whether a browser can be opened at all (decides between authorization code and device grant by default). */
export function canOpenBrowser(env: NodeJS.ProcessEnv = process.env): boolean {
  return browserCommand('about:blank', env) !== undefined;
}

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      /* not here */
    }
  }
  return false;
}
