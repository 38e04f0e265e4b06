// The Node request and response behind a Hono context (absent under app.request() in tests), and header reads
// that use Node's own parsed headers when they exist.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

export interface NodeBindings { incoming: IncomingMessage; outgoing: ServerResponse }

export function nodeOf(c: Context): NodeBindings | undefined {
  const env = c.env as Partial<NodeBindings> | undefined;
  return env?.incoming && env.outgoing && typeof env.outgoing.writeHead === 'function'
    ? { incoming: env.incoming, outgoing: env.outgoing } : undefined;
}

/** A request header (lower-case name). Under Node it reads the IncomingMessage's header object: c.req.header()
 *  first copies every header of the request into a web Headers object, which was a visible share of a proxied
 *  request's CPU. Node keeps the first of a repeated Host, Authorization or Content-Type and joins other repeats
 *  with ", ", as Headers does. */
export function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as Partial<NodeBindings> | undefined)?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header(name);
}
