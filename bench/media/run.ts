/**
 * Media throughput: upload a 50 MB file (streamed, never held by the bench), send it as a
 * document, and download it as the other chat member, several times over. Reports MB/s both
 * ways and the server's resident memory (RSS) while the bytes go through, sampled from /proc,
 * to show that files are streamed rather than buffered. One JSON line per run, then a summary.
 */
import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { positiveInt, readFlags } from '../lib/args.js';
import { Cleanup } from '../lib/cleanup.js';
import { createBenchDatabase, type DbChoice } from '../lib/database.js';
import { freePort } from '../lib/free-port.js';
import { rssMb } from '../lib/proc-stats.js';
import { startServerProcess } from '../lib/server-process.js';
import { signInUsers, testNumbersEnv } from '../lib/users.js';
import { downloadStream, generatedFile, uploadStream } from './transfer.js';

const flags = readFlags(
  {
    mb: { default: '50', help: 'file size in MB (the document limit is 100)' },
    runs: { default: '3', help: 'upload + download rounds' },
    db: { default: 'postgres', help: 'postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) or pglite' },
  },
  'usage: npx tsx bench/media/run.ts [flags]',
);
const sizeMb = positiveInt(flags.mb, 'mb');
const runs = positiveInt(flags.runs, 'runs');
if (flags.db !== 'postgres' && flags.db !== 'pglite') throw new Error('--db is postgres or pglite');
const dbChoice: DbChoice = flags.db;
const bytes = sizeMb * 1024 * 1024;
const log = (text: string) => process.stderr.write(`[media] ${text}\n`);

/** Samples a process's RSS every 10 ms until stopped: the peak, and the level when it started. */
function watchRss(pid: number) {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, rssMb(pid));
      return { beforeMb: round(before), peakMb: round(peak), growthMb: round(peak - before) };
    },
  };
}
const round = (n: number) => Math.round(n * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const database = await createBenchDatabase(dbChoice);
const cleanup = new Cleanup(log);
cleanup.add('drop the database', () => database.drop());
process.once('SIGINT', () => void cleanup.runAll().then(() => process.exit(130)));

try {
  const server = await startServerProcess({ port: await freePort(), env: { ...database.env, ...testNumbersEnv(2) } });
  cleanup.add('stop the server', () => server.stop());
  log(`server pid ${server.pid} on ${server.url} (${dbChoice}); ${runs} × ${sizeMb} MB`);
  const [ana, ben] = await signInUsers(server.url, 2, 'bench media');
  const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: () => ({ authorization: `Bearer ${ana!.accessToken}` }) })] });
  const { id: chatId } = await trpc.chats.openDirect.mutate({ userId: ben!.id });

  // One small upload first, so first-use costs (JIT, lazily loaded modules) are not counted as buffering.
  const warm = generatedFile(1024 * 1024);
  if ((await uploadStream(server.url, ana!.accessToken, warm.stream, 1024 * 1024, 'document')).status !== 201) throw new Error('warm-up upload failed');

  const results = [];
  for (let run = 1; run <= runs; run++) {
    const file = generatedFile(bytes);
    const up = watchRss(server.pid);
    let t = performance.now();
    const uploaded = await uploadStream(server.url, ana!.accessToken, file.stream, bytes, 'document');
    const uploadSeconds = (performance.now() - t) / 1000;
    const upRss = up.stop();
    if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.json)}`);
    await trpc.messages.send.mutate({ chatId, clientId: `bench-${run}`, kind: 'document', mediaId: uploaded.json.mediaId });

    const down = watchRss(server.pid);
    t = performance.now();
    const downloaded = await downloadStream(server.url, ben!.accessToken, uploaded.json.mediaId);
    const downloadSeconds = (performance.now() - t) / 1000;
    const downRss = down.stop();
    if (downloaded.status !== 200 || downloaded.sha256 !== file.sha256()) throw new Error(`download answered ${downloaded.status} with ${downloaded.bytes} bytes that do not match`);

    const result = {
      run,
      sizeMb,
      uploadMBps: round(sizeMb / uploadSeconds),
      downloadMBps: round(sizeMb / downloadSeconds),
      serverRssBeforeUploadMb: upRss.beforeMb,
      serverRssPeakUploadMb: upRss.peakMb,
      serverRssGrowthUploadMb: upRss.growthMb,
      serverRssPeakDownloadMb: downRss.peakMb,
      serverRssGrowthDownloadMb: downRss.growthMb,
    };
    results.push(result);
    console.log(JSON.stringify(result));
  }
  console.log(
    JSON.stringify({
      summary: true,
      db: dbChoice,
      sizeMb,
      runs,
      medianUploadMBps: median(results.map((r) => r.uploadMBps)),
      medianDownloadMBps: median(results.map((r) => r.downloadMBps)),
      maxServerRssGrowthUploadMb: Math.max(...results.map((r) => r.serverRssGrowthUploadMb)),
      maxServerRssGrowthDownloadMb: Math.max(...results.map((r) => r.serverRssGrowthDownloadMb)),
      maxServerRssMb: Math.max(...results.map((r) => Math.max(r.serverRssPeakUploadMb, r.serverRssPeakDownloadMb))),
    }),
  );
} finally {
  await cleanup.runAll();
}
