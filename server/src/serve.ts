import {STATUS_CODES, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {Server as NetServer, type Socket} from 'node:net';
import {serve} from '@hono/node-server';
import type {Hono} from 'hono';
import {PROBLEMS, problemType, type ProblemSlug} from './http/problem.js';

// How long a keep-alive connection that is idle when the stop begins may still bring one more request.
const IDLE_GRACE_MS = 1_000;

/** A listening HTTP server that can stop without cutting off a request it accepted. */
export interface Listener {
  server: Server;
  /** Stops accepting connections, finishes every request in flight, then resolves. */
  drain(): Promise<void>;
}

export function listen(fetch: Hono['fetch'], port: number, hostname: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = serve({fetch, port, hostname}, () => resolve(drainable(server))) as Server;
    server.once('error', reject);
    server.on('clientError', answerClientError);
  });
}

/** Node's own answer to a request it cannot parse is a bare status line; ours is a problem. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as Socket & {_httpMessage?: ServerResponse})._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const slug: ProblemSlug =
    error.code === 'HPE_HEADER_OVERFLOW' ? 'request-header-too-large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'validation';
  const {status, title} = PROBLEMS[slug];
  const body = JSON.stringify({type: problemType(slug), title, status});
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function drainable(server: Server): Listener {
  const busy = new Map<Socket, number>(); // requests in flight per connection
  let draining = false;
  // A connection that answered without `Connection: close` may already carry the client's next request.
  const closeWhenIdle = (socket: Socket) => {
    setTimeout(() => {
      if (!busy.get(socket)) socket.end();
    }, IDLE_GRACE_MS).unref();
  };
  server.on('connection', (socket: Socket) => {
    busy.set(socket, 0);
    socket.once('close', () => busy.delete(socket));
  });
  // before Hono's listener, which may answer at once
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    // Once draining, every answer tells the client to open no further request on this connection.
    if (draining) response.setHeader('Connection', 'close');
    response.once('close', () => {
      if (!busy.has(socket)) return; // the connection is gone already
      busy.set(socket, busy.get(socket)! - 1);
      if (draining) closeWhenIdle(socket);
    });
  });
  return {
    server,
    drain() {
      draining = true;
      // Not http.Server#close, which drops idle keep-alive connections at once; and between two turns of
      // the event loop, right after libuv accepted what the kernel had queued (a queued one is reset).
      const closed = new Promise<void>((done) => setImmediate(() => NetServer.prototype.close.call(server, () => done())));
      for (const [socket, requests] of busy) {
        // Headers not written yet: this answer closes the connection. Idle: a request may be on its way.
        const response = (socket as Socket & {_httpMessage?: ServerResponse})._httpMessage;
        if (response && !response.headersSent) response.setHeader('Connection', 'close');
        if (requests === 0) closeWhenIdle(socket);
      }
      return closed;
    },
  };
}
