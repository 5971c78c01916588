// A bounded HTTP POST for programs that read answers from an upstream they do not control: the answer is read
// as a stream and the connection is dropped as soon as it grows past `maxBytes` or its JSON nests deeper than
// `maxJsonDepth`, so no answer, however large, endless or deeply nested, costs more than `maxBytes` of memory
// before it is refused (JSON.parse of 10 MB of `[[[[` alone takes over a gigabyte).
//
// node:http rather than fetch: undici's first use costs ~40 MB of RSS. No keep-alive: a poll every few seconds
// does not need it, and a stale pooled socket would turn into spurious failures.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface BoundedAnswer {
  readonly status: number;
  /** The HTTP Date header, when present. */
  readonly date?: string;
  readonly text: string;
}

export interface BoundedLimits {
  /** Largest answer body read (bytes); the connection is dropped past it. */
  readonly maxBytes: number;
  /** Deepest JSON nesting (arrays and objects) read; the connection is dropped past it. */
  readonly maxJsonDepth: number;
}

/** Why an answer was refused before it ended. */
export class AnswerLimitError extends Error {
  constructor(
    readonly limit: 'size' | 'depth',
    message: string,
  ) {
    super(message);
    this.name = 'AnswerLimitError';
  }
}

/**
 * Follows the nesting of a JSON text fed to it in byte chunks, without parsing it: `[` and `{` outside
 * strings open a level, `]` and `}` close one. Multi-byte UTF-8 sequences never contain `"`, `\`, brackets or
 * braces (all their bytes are >= 0x80), so bytes can be scanned one by one across chunk boundaries.
 */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Deepest level seen so far. */
  deepest = 0;

  constructor(readonly maxDepth: number) {}

  /** Scans the next chunk; false as soon as the nesting goes deeper than maxDepth. */
  feed(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true; // backslash
        else if (c === 0x22) this.inString = false; // "
        continue;
      }
      if (c === 0x22) {
        this.inString = true;
      } else if (c === 0x5b || c === 0x7b) {
        // [ {
        this.depth++;
        if (this.depth > this.deepest) this.deepest = this.depth;
        if (this.depth > this.maxDepth) return false;
      } else if (c === 0x5d || c === 0x7d) {
        // ] }
        this.depth--;
      }
    }
    return true;
  }
}

/** POSTs `body` (already encoded, with its content type) and reads the answer within `limits`. */
export function boundedPost(
  url: string,
  body: string,
  opts: BoundedLimits & { readonly signal: AbortSignal; readonly contentType: string; readonly accept?: string },
): Promise<BoundedAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      reject(err);
      req.destroy();
    };
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        signal: opts.signal,
        agent: false,
        headers: {
          'content-type': opts.contentType,
          'content-length': Buffer.byteLength(body),
          accept: opts.accept ?? 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const depth = new JsonDepthScanner(opts.maxJsonDepth);
        res.on('data', (c: Buffer) => {
          if (settled) return;
          size += c.length;
          if (size > opts.maxBytes) {
            fail(new AnswerLimitError('size', `answer larger than ${opts.maxBytes} bytes; connection dropped`));
            return;
          }
          if (!depth.feed(c)) {
            fail(new AnswerLimitError('depth', `answer nested deeper than ${opts.maxJsonDepth} levels; connection dropped`));
            return;
          }
          chunks.push(c);
        });
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          const date = res.headers.date;
          resolve({ status: res.statusCode ?? 0, ...(date ? { date } : {}), text: Buffer.concat(chunks, size).toString('utf8') });
        });
        // The upstream closed the connection before the answer ended.
        res.on('close', () => fail(Object.assign(new Error('connection closed before the answer ended'), { code: 'ECONNRESET' })));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
