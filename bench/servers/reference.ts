/**
 * The receiver Tickety's documentation suggests: Express with `express.json()`, a plain comparison
 * of the `Authorization` header with the token, a `switch` on the event type that logs a line,
 * and `{ ok: true }`. It stores nothing. Listens on a free port of 127.0.0.1 and sends the port
 * to its parent over IPC; its stdout is expected to go to /dev/null.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const token = process.env.TICKETY_TOKEN ?? '';
const app = express();
app.use(express.json());

app.post('/tickety/:guildId', (req, res) => {
  if (req.headers.authorization !== token) {
    res.status(401).json({ ok: false });
    return;
  }

  const event = req.body as { type?: string; payload?: Record<string, unknown> };
  switch (event.type) {
    case 'ticket.create':
      console.log(`Ticket ${String(event.payload?.ticketId)} created`);
      break;
    case 'ticket.close':
      console.log(`Ticket ${String(event.payload?.ticketId)} closed`);
      break;
    case 'application.submit':
      console.log(`Application ${String(event.payload?.applicationId)} submitted`);
      break;
    case 'verification.pass':
      console.log(`User ${String(event.payload?.userId)} verified`);
      break;
    default:
      console.log(`Received ${String(event.type)}`);
  }
  res.json({ ok: true });
});

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ kind: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
