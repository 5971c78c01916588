// The bounded POST: answers up to the limits are read whole, one byte or one level more is refused, and the
// connection is dropped at once (the upstream stops sending), whatever the answer's size.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerLimitError, boundedPost, JsonDepthScanner } from './http.ts';
import { waitFor } from '../../testing/helpers.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server answering every request with `answer(res)`; returns its URL and how many bytes it managed to send. */
async function serve(answer: (res: ServerResponse, sent: { bytes: number; closed: boolean }) => void): Promise<{ url: string; sent: { bytes: number; closed: boolean } }> {
  const sent = { bytes: 0, closed: false };
  const server = createServer((req, res) => {
    req.resume();
    res.on('close', () => (sent.closed = true));
    answer(res, sent);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, sent };
}

const post = (url: string, maxBytes: number, maxJsonDepth: number) =>
  boundedPost(url, 'a=1', { signal: AbortSignal.timeout(5000), contentType: 'application/x-www-form-urlencoded', maxBytes, maxJsonDepth });

describe('JsonDepthScanner', () => {
  it('counts nesting outside strings only, across chunks, escapes included', () => {
    const s = new JsonDepthScanner(3);
    expect(s.feed(Buffer.from('{"a":"[[[[\\"[[","b":[{'))).toBe(true);
    expect(s.deepest).toBe(3);
    expect(s.feed(Buffer.from('}],"c":"é[{"}'))).toBe(true);
    expect(new JsonDepthScanner(3).feed(Buffer.from('[[[['))).toBe(false);
  });
});

describe('boundedPost', () => {
  it('reads an answer of exactly maxBytes and refuses one byte more', async () => {
    const body = `[${'1,'.repeat(499)}1]`; // 1000 bytes
    const { url } = await serve((res) => res.end(body));
    expect((await post(url, body.length, 8)).text).toBe(body);
    await expect(post(url, body.length - 1, 8)).rejects.toMatchObject({ limit: 'size' });
  });

  it('reads JSON nested exactly maxJsonDepth deep and refuses one level more', async () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const { url } = await serve((res) => res.end(nested(5)));
    expect((await post(url, 1000, 5)).text).toBe(nested(5));
    await expect(post(url, 1000, 4)).rejects.toBeInstanceOf(AnswerLimitError);
    await expect(post(url, 1000, 4)).rejects.toMatchObject({ limit: 'depth' });
  });

  it('drops the connection of an endless answer at the limit: the upstream sees it closed', async () => {
    const chunk = Buffer.alloc(16_384, 0x20); // whitespace, forever
    const { url, sent } = await serve((res, s) => {
      res.writeHead(200);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) s.bytes += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await expect(post(url, 100_000, 8)).rejects.toMatchObject({ limit: 'size' });
    await waitFor(() => sent.closed, 5000, 'the upstream to see the connection closed');
    expect(sent.bytes).toBeLessThan(10_000_000);
  });

  it('an answer cut off by the upstream is an error, not a short answer', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"status":');
      setTimeout(() => res.destroy(), 20);
    });
    await expect(post(url, 100_000, 8)).rejects.toThrow(/closed|aborted|socket hang up/i);
  });
});
