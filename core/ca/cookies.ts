// A cookie jar for one origin: certsrv keeps its ASP session (ASPSESSIONID…) in a cookie.
// Attributes other than expiry are irrelevant because the client never leaves its origin.

export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies Set-Cookie header values. */
  store(setCookies: readonly string[], now: Date = new Date()): void {
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (expired(attributes, now)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The Cookie request header, or undefined when empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  names(): string[] {
    return [...this.#cookies.keys()];
  }

  clear(): void {
    this.#cookies.clear();
  }
}

function expired(attributes: readonly string[], now: Date): boolean {
  for (const raw of attributes) {
    const [k, ...v] = raw.trim().split('=');
    const key = k?.toLowerCase();
    const value = v.join('=').trim();
    if (key === 'max-age' && Number(value) <= 0) return true;
    if (key === 'expires') {
      const t = Date.parse(value);
      if (!Number.isNaN(t) && t <= now.getTime()) return true;
    }
  }
  return false;
}
