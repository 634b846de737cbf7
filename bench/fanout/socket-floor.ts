/**
 * The floor under a group message's server cost: what `ws` and the kernel spend to write one
 * ready-made frame to each of --sockets loopback WebSockets, with nothing else of Confab's in
 * the way. The server here only writes (each socket's frames coalesced per event-loop turn, as
 * apps/server/src/ws/coalesce-writes.ts does); a child process holds the client ends and counts.
 * Prints one JSON line per rate: the server's CPU per fanned-out message and per frame.
 *
 *   npx tsx bench/fanout/socket-floor.ts [--sockets 500] [--rates 10,50,100] [--seconds 10] [--bytes 700]
 *
 * On loopback the kernel's receive path runs in the writer's system call, so the figure charges
 * the server with TCP work a remote receiver's machine would do; it is still the cost of a
 * group message on one machine that no change to Confab's JavaScript can go below.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { positiveInt, positiveInts, readFlags } from '../lib/args.js';
import { sleep } from '../lib/pool.js';

const flags = readFlags(
  {
    sockets: { default: '500', help: 'receiving sockets' },
    rates: { default: '10,50,100', help: 'messages/s, each written to every socket, one step each' },
    seconds: { default: '10', help: 'length of each step' },
    bytes: { default: '700', help: 'frame size (a group message.new event is ~600–800 bytes)' },
    role: { default: 'server', help: '(internal) server or clients' },
    url: { default: '', help: '(internal) where the clients connect' },
  },
  'usage: npx tsx bench/fanout/socket-floor.ts [flags]',
);
const sockets = positiveInt(flags.sockets, 'sockets');

if (flags.role === 'clients') {
  // The receiving side: open the sockets, count frames, report the count when asked.
  let frames = 0;
  const open = await Promise.all(
    Array.from({ length: sockets }, async () => {
      const ws = new WebSocket(flags.url);
      ws.on('message', () => frames++);
      await once(ws, 'open');
      return ws;
    }),
  );
  process.send!({ type: 'open' });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'count') process.send!({ type: 'count', frames });
    if (m.type === 'close') {
      open.forEach((ws) => ws.close());
      process.exit(0);
    }
  });
} else {
  const rates = positiveInts(flags.rates, 'rates');
  const seconds = positiveInt(flags.seconds, 'seconds');
  const frame = JSON.stringify({ id: 1, result: { type: 'data', data: { id: '1.1:1', data: { pad: 'x'.repeat(Math.max(0, positiveInt(flags.bytes, 'bytes') - 60)) } }, id: '1.1:1' } });
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(server, 'listening');
  const connected: WebSocket[] = [];
  server.on('connection', (ws, request) => {
    coalesce(request.socket);
    connected.push(ws);
  });
  const child = fork(import.meta.filename, ['--role', 'clients', '--sockets', String(sockets), '--url', `ws://127.0.0.1:${(server.address() as AddressInfo).port}`], { execArgv: process.execArgv });
  await once(child, 'message');
  const count = async (): Promise<number> => {
    child.send({ type: 'count' });
    const [reply] = (await once(child, 'message')) as [{ frames: number }];
    return reply.frames;
  };

  for (const rate of rates) {
    const messages = rate * seconds;
    const before = await count();
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < messages; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      for (const ws of connected) ws.send(frame);
    }
    // Every frame written and read before the CPU is read.
    while ((await count()) - before < messages * sockets) await sleep(50);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      JSON.stringify({
        sockets,
        rate,
        messages,
        frameBytes: frame.length,
        serverCpuPct: Math.round((cpuMs / (performance.now() - start)) * 1000) / 10,
        cpuMsPerMessage: Math.round((cpuMs / messages) * 100) / 100,
        systemShare: Math.round((used.system / (used.user + used.system)) * 100) / 100,
        cpuMicrosPerFrame: Math.round((cpuMs * 1000) / (messages * sockets) * 10) / 10,
      }),
    );
  }
  child.send({ type: 'close' });
  server.close();
}

function coalesce(socket: Duplex): void {
  let corked = false;
  const write = socket.write.bind(socket);
  socket.write = ((...args: Parameters<Duplex['write']>) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as Duplex['write'];
}
