/**
 * The framework floor: Hono on `@hono/node-server`, as the bridge uses them, with a route that
 * parses the JSON body and answers `{ ok: true }`. No authentication, validation or storage, so
 * the gap between this and the bridge is what the bridge's own work costs. Sends its port to its
 * parent over IPC.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/tickety/:guildId', async (c) => {
  JSON.parse(await c.req.text());
  return c.json({ ok: true });
});

const server = createAdaptorServer({ fetch: app.fetch });
server.listen(0, '127.0.0.1', () => {
  process.send?.({ kind: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
