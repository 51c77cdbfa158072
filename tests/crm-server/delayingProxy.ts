import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayingProxy {
  /** `http://127.0.0.1:{port}`: point a client here instead of at the target. */
  url: string;
  /** Requests received so far. */
  requests(): number;
  stop(): Promise<void>;
}

/**
 * A network's round trip on loopback: a proxy on 127.0.0.1 that holds every request `delayMs`
 * before it forwards it to `target` (another loopback server; nothing leaves the machine), then
 * streams the answer back as it comes: status, headers and body untouched. The target serves
 * undelayed, so what is measured through it is the client's waiting, as against Zoho's.
 */
export async function startDelayingProxy(target: string, delayMs: number): Promise<DelayingProxy> {
  const to = new URL(target);
  // Kept-alive connections to the target, as a client's to Zoho stay open between requests.
  const agent = new Agent({ keepAlive: true });
  let received = 0;
  const server: Server = createServer((req, res) => {
    received++;
    // Held before anything goes on; the body waits, paused, in the socket meanwhile.
    setTimeout(() => {
      const headers: IncomingHttpHeaders = { ...req.headers, host: to.host };
      const upstream = request(
        {
          host: to.hostname,
          port: to.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
          answer.pipe(res);
          // The target cut the connection mid-answer: so does the proxy, as a network would.
          answer.once('aborted', () => res.destroy());
        },
      );
      upstream.once('error', () => {
        if (res.headersSent) res.destroy();
        else res.writeHead(502).end();
      });
      // The client gave up (its deadline, a stopped sync): the target's work is dropped too.
      res.once('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
    }, delayMs);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => received,
    stop: () =>
      new Promise<void>((ok) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
