import { createSocket, type Socket } from 'node:dgram';
import { type AddressInfo } from 'node:net';

/**
 * A DNS server on loopback (UDP) that answers every A query with `address`, and AAAA queries with
 * no records: the app resolves webhook hosts through it with WEBHOOK_DNS_SERVERS.
 */
export class TestDnsServer {
  address = '203.0.113.10';
  private socket: Socket | null = null;
  port = 0;

  static async start(): Promise<TestDnsServer> {
    const server = new TestDnsServer();
    const socket = createSocket('udp4');
    socket.on('message', (query, peer) => socket.send(server.answer(query), peer.port, peer.address));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    server.socket = socket;
    server.port = (socket.address() as AddressInfo).port;
    return server;
  }

  get serverSetting(): string {
    return `127.0.0.1:${this.port}`;
  }

  private answer(query: Buffer): Buffer {
    let offset = 12;
    while (query[offset] !== 0) offset += query[offset] + 1;
    const questionEnd = offset + 5;
    const type = query.readUInt16BE(offset + 1);
    const answers = type === 1 ? 1 : 0;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8180, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers, 6);
    const question = query.subarray(12, questionEnd);
    if (!answers) return Buffer.concat([header, question]);
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0);
    record.writeUInt16BE(1, 2);
    record.writeUInt16BE(1, 4);
    record.writeUInt32BE(0, 6);
    record.writeUInt16BE(4, 10);
    this.address.split('.').forEach((part, index) => record.writeUInt8(Number(part), 12 + index));
    return Buffer.concat([header, question, record]);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
  }
}
