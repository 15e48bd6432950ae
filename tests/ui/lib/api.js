// A small HTTPS client for test set-up from Node (the dev certificate is self-signed, so this
// client, and only it, skips certificate checks). Speaks the API with a Bearer token.

import https from 'node:https';

export const BASE = process.env.BINHAN_URL || 'https://127.0.0.1:8443';

export function call(method, path, { token, body, base = BASE, lang } = {}) {
  const url = new URL(path, base);
  const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const headers = { Accept: 'application/json' };
  if (lang) headers['Accept-Language'] = lang;
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, json, text });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function login(user) {
  const answer = await call('POST', '/api/v1/session', { body: { username: user.username, password: user.password } });
  if (answer.status !== 201) throw new Error(`sign-in of ${user.username} failed: ${answer.status} ${answer.text}`);
  return answer.json.token;
}

export async function waitHealthy(timeoutMs = 15000, base = BASE) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await call('GET', '/healthz', { base });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`binhan serve at ${base} did not become healthy`);
}
