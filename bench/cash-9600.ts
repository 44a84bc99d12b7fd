/**
 * `node --import tsx bench/cash-9600.ts [--commands 500]`
 *
 * The ccTalk driver's overhead per command beyond the line time, with the bill validator simulator
 * paced like 9600 baud (`--byte-delay-ms` 10,000 / 9,600 = 1.0417 ms per byte, its default).
 *
 * overhead = measured round trip − line time, line time = bytes on the wire × 10 bits / 9600 bit/s.
 * Bytes on the wire: the request and the reply. ccTalk is a single wire: the echo the host reads
 * back *is* the request's own transmission, heard while it is sent, not a second transmission, so
 * it adds no line time. The simulator paces exactly that: the host's write crosses the PTY at once,
 * the echo comes back after request bytes × 1.0417 ms (the time the request would take on the wire),
 * the reply after a further reply bytes × 1.0417 ms.
 *
 * Commands: 254 simple poll (5 bytes out, 5-byte ACK back) and 159 read buffered bill events
 * (5 bytes out, 16-byte reply: 11 data bytes). Measured: `createCcTalkBus`. Baseline in the same
 * run: a raw serialport client (no bus) against a second simulator process with the same pacing,
 * the same bytes out, reading until echo + reply have come back: that is what the simulator's
 * pacing, the PTY and serialport cost, so bus − baseline is the bus's own cost.
 */
import { parseArgs } from 'node:util';
import { encodeFrame } from '../device-drivers/codecs/cctalk/frame.ts';
import {
  BILL_VALIDATOR,
  HOST,
  READ_BUFFERED_BILL_EVENTS,
  SIMPLE_POLL,
} from '../device-drivers/codecs/cctalk/headers.ts';
import { createCcTalkBus } from '../device-drivers/cctalk/cctalk-bus.ts';
import { createLogger } from '../platform/log.ts';
import { BYTE_TIME_9600_MS } from '../simulators/cctalk/cctalk-device-server.ts';
import {
  commit,
  machineLine,
  ProcessWatch,
  RawClient,
  scratchDir,
  spread,
  startCashSimulator,
} from './cash-common.ts';
import { median, percentile } from './lib/stats.ts';

const { values } = parseArgs({ options: { commands: { type: 'string', default: '500' } } });
const PER_COMMAND = Math.max(100, Number(values.commands) || 500);
const ROUNDS = 10;
const WARM_UP = 30;
const TARGET_MS = 1;
const BIT_MS = 1000 / 9600;

const COMMANDS = [
  { header: SIMPLE_POLL, name: '254 simple poll' },
  { header: READ_BUFFERED_BILL_EVENTS, name: '159 read buffered bill events' },
] as const;

const machine = machineLine();
const date = new Date().toISOString();
const scratch = scratchDir('ventanilla-bench-cash-9600-');
const watch = new ProcessWatch();
const logger = createLogger('bench.cash-9600', { level: 'warn' });
const stops: Array<() => Promise<void>> = [];
let leftovers: string[] = [];
let summary = '';
try {
  const simBus = await startCashSimulator(
    'bill-validator-main.ts',
    scratch.dir,
    'bv-bus',
    BYTE_TIME_9600_MS,
    watch,
  );
  stops.push(() => simBus.child.stop());
  const simRaw = await startCashSimulator(
    'bill-validator-main.ts',
    scratch.dir,
    'bv-raw',
    BYTE_TIME_9600_MS,
    watch,
  );
  stops.push(() => simRaw.child.stop());
  const bus = createCcTalkBus({ path: simBus.hostPath, mode: 'crc16', logger });
  await bus.start();
  stops.unshift(() => bus.stop());
  if (bus.state !== 'open') throw new Error(`bus did not open ${simBus.hostPath}`);
  const raw = new RawClient();
  await raw.open(simRaw.hostPath);
  stops.unshift(() => raw.close());

  // Sizes from a real exchange, not from assumptions.
  const sizes = new Map<number, { request: number; reply: number }>();
  for (const { header } of COMMANDS) {
    const request = encodeFrame(
      { destination: BILL_VALIDATOR, source: HOST, header, data: new Uint8Array(0) },
      'crc16',
    );
    const reply = await bus.request({ destination: BILL_VALIDATOR, header });
    sizes.set(header, { request: request.length, reply: 5 + reply.data.length });
  }

  const busCommand = async (header: number) => {
    const started = performance.now();
    await bus.request({ destination: BILL_VALIDATOR, header, timeoutMs: 1_000 });
    return performance.now() - started;
  };
  const rawCommand = (header: number) => {
    const size = sizes.get(header)!;
    const request = encodeFrame(
      { destination: BILL_VALIDATOR, source: HOST, header, data: new Uint8Array(0) },
      'crc16',
    );
    return raw.roundTrip(request, size.request + size.reply);
  };

  const samples = new Map<number, { bus: number[]; raw: number[] }>();
  for (const { header } of COMMANDS) samples.set(header, { bus: [], raw: [] });
  for (let i = 0; i < WARM_UP; i++) {
    for (const { header } of COMMANDS) {
      await busCommand(header);
      await rawCommand(header);
    }
  }
  const perRound = Math.ceil(PER_COMMAND / ROUNDS);
  const wall = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { header } of COMMANDS) {
      const s = samples.get(header)!;
      for (let i = 0; i < perRound; i++) s.bus.push(await busCommand(header));
      for (let i = 0; i < perRound; i++) s.raw.push(await rawCommand(header));
    }
  }
  const wallS = (performance.now() - wall) / 1000;

  console.log('== ccTalk driver overhead beyond the line time, simulator paced like 9600 baud');
  console.log(`   machine:  ${machine}`);
  console.log(`   date:     ${date}, commit ${commit()}`);
  console.log(
    `   pacing:   --byte-delay-ms ${BYTE_TIME_9600_MS.toFixed(4)} (10 bits per byte at 9600 baud = ${(10 * BIT_MS).toFixed(4)} ms)`,
  );
  const parts: string[] = [];
  let allMet = true;
  for (const { header, name } of COMMANDS) {
    const s = samples.get(header)!;
    const size = sizes.get(header)!;
    const lineBytes = size.request + size.reply;
    const lineMs = lineBytes * 10 * BIT_MS;
    const overhead = s.bus.map((v) => v - lineMs);
    const rawOverhead = s.raw.map((v) => v - lineMs);
    const p50 = percentile(overhead, 50);
    const met = p50 <= TARGET_MS;
    allMet &&= met;
    const ownMs = median(s.bus) - median(s.raw);
    const echoCounted = (lineBytes + size.request) * 10 * BIT_MS;
    console.log(`\n   ${name}: ${size.request} bytes out, echo ${size.request}, reply ${size.reply}`);
    console.log(
      `     line time: (${size.request} request + ${size.reply} reply) × 10 bits / 9600 = ${lineMs.toFixed(2)} ms (the echo is the request itself on the single wire)`,
    );
    console.log(`     measured round trip (bus): ${spread(s.bus, [50, 95])}`);
    console.log(
      `     overhead = round trip − line time: p50 ${p50.toFixed(2)} / p95 ${percentile(overhead, 95).toFixed(2)} ms → target p50 ≤ ${TARGET_MS} ms ${met ? 'met' : 'MISSED'}`,
    );
    console.log(
      `     baseline, raw client → simulator (no bus): ${spread(s.raw, [50, 95])}; beyond the line time p50 ${percentile(rawOverhead, 50).toFixed(2)} / p95 ${percentile(rawOverhead, 95).toFixed(2)} ms`,
    );
    console.log(
      `     ratio bus / raw: ${(median(s.bus) / median(s.raw)).toFixed(3)}× at p50; the bus's own cost (median bus − median raw): ${ownMs.toFixed(2)} ms`,
    );
    console.log(
      `     (counting the echo as a second transmission would subtract ${echoCounted.toFixed(2)} ms and give p50 ${(percentile(s.bus, 50) - echoCounted).toFixed(2)} ms: time that never passes)`,
    );
    parts.push(
      `${header}: overhead p50 ${p50.toFixed(2)} / p95 ${percentile(overhead, 95).toFixed(2)} ms (${met ? 'met' : 'MISSED'}; raw client ${percentile(rawOverhead, 50).toFixed(2)} ms, bus's own ${ownMs.toFixed(2)} ms)`,
    );
  }
  console.log(
    `\n   ${PER_COMMAND} commands of each kind per client, ${ROUNDS} alternating rounds after ${WARM_UP} warm-up; ${wallS.toFixed(1)} s; bus noise bytes ${bus.noiseBytes}`,
  );
  summary = `SUMMARY cash-9600: target overhead p50 ≤ ${TARGET_MS} ms ${allMet ? 'met' : 'MISSED'} — ${parts.join('; ')}`;
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
  leftovers = await watch.leftovers();
  scratch.remove();
}
console.log(
  `   processes started: ${watch.count} (two simulators and their socat); left running: ${leftovers.length === 0 ? 'none' : leftovers.join('; ')}`,
);
console.log(summary);
