import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';

/**
 * The webhook benchmark's receiver, in a process of its own (forked by bench/webhooks.ts): a
 * frontend's server is not the editor's browser, and receiving in the process that times the
 * publishes charged the receiver's work to the publish latency. Answers 200 at once and keeps each
 * document's arrival times (epoch ms, sub-millisecond) until the parent asks for them.
 */
const arrivals = new Map<string, number[]>();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const arrived = performance.timeOrigin + performance.now();
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { document: { id: string } };
    arrivals.set(event.document.id, [...(arrivals.get(event.document.id) ?? []), arrived]);
    response.end('ok');
  });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'arrivals') process.send?.({ type: 'arrivals', arrivals: [...arrivals] });
  if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});

server.listen(0, '127.0.0.1', () => process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port }));
