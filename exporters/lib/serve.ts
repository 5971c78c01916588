// Serving a registry the way every program of exporters/ does: the registry is rendered once after each poll
// (render()), and /metrics writes that ready buffer, never touching the upstream or re-rendering per scrape.
// /healthz is 200 while the process serves; /readyz is 503 until the first poll has finished.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export class MetricsServer {
  private text = '';
  private body: Buffer = Buffer.alloc(0);
  private server: Server | undefined;
  /** Set once the first poll has finished (readiness). */
  ready = false;

  constructor(private readonly registry: Registry) {}

  /** Renders the registry into the buffer /metrics serves; returns the text. */
  async render(): Promise<string> {
    this.text = await this.registry.metrics();
    this.body = Buffer.from(this.text, 'utf8');
    return this.text;
  }

  /** The /metrics body as last rendered. */
  get metrics(): string {
    return this.text;
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      const body = this.body;
      res.writeHead(200, { 'content-type': this.registry.contentType, 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      if (this.ready) res.writeHead(200, { 'content-type': 'text/plain' }).end('ready\n');
      else res.writeHead(503, { 'content-type': 'text/plain' }).end('waiting for the first poll\n');
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/metrics">/metrics</a>\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  };

  async listen(port: number, host: string): Promise<AddressInfo> {
    // Before the first poll /metrics shows what is registered so far (e.g. counters at zero).
    if (!this.text) await this.render();
    const server = createServer(this.handle);
    server.keepAliveTimeout = 65_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  /** Stops serving: idle connections at once, busy ones after 2 s at the latest. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    });
  }
}

/** `host:port` from --listen-address (IPv6 in brackets allowed). */
export function parseListenAddress(listen: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(listen);
  if (!m) throw new Error(`--listen-address ${JSON.stringify(listen)}: expected host:port`);
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]) };
}
