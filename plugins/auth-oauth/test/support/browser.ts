/**
 * A headless stand-in for the person at the browser: follows an
 * authorization (or device verification) URL through oidc-provider's
 * devInteractions with a cookie jar — the login form, the consent form, the
 * device confirmation form — and, for the authorization code grant, delivers
 * the final redirect to mcpctl's loopback listener.
 */
export interface DriveOptions {
  /** The account to log in as (devInteractions accepts any). */
  user?: string;
  /** Change the redirect before it is delivered (state / iss mismatch tests). */
  tamper?: (callback: URL) => URL;
  /** Only drive the provider; return the callback URL without delivering it. */
  deliver?: boolean;
}

export async function driveLogin(startUrl: string, options: DriveOptions = {}): Promise<URL | undefined> {
  const jar = new Map<string, string>();
  const origin = new URL(startUrl).origin;
  let url = new URL(startUrl);
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 25; step++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { ...(jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const next = new URL(response.headers.get('location')!, url);
      if (next.origin !== origin) {
        // The redirect back to the client: the loopback listener.
        const callback = options.tamper ? options.tamper(next) : next;
        if (options.deliver !== false) await (await fetch(callback)).text();
        return callback;
      }
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`driveLogin: HTTP ${response.status} at ${url.pathname}: ${html.slice(0, 300)}`);
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) return undefined; // A final page (device flow: "you can close this window").
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      if (name && value !== undefined) fields.set(name, value.replace(/&amp;/g, '&'));
    }
    if (/name="login"/.test(form[2]!)) {
      fields.set('login', options.user ?? 'alice');
      fields.set('password', 'any');
    }
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
    method = 'POST';
    body = fields;
  }
  throw new Error('driveLogin: too many steps');
}
