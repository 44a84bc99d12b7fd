/**
 * `node --import tsx bench/cash-poll.ts [--polls 5000]`
 *
 * ccTalk simple poll (254) round trip over a PTY, with the simulator unpaced (`--byte-delay-ms 0`):
 * what the host side costs when the line itself costs nothing.
 * - measured: `createCcTalkBus` (CRC-16, echo on) on the bill validator simulator's host path,
 *   `bus.request({destination: 40, header: 254})` awaited, one after the other;
 * - baseline: a plain socat PTY pair started here, with an echo loop on B that writes each chunk
 *   back twice (the simulator's echo, then its reply): the same 5 bytes out and 10 bytes back,
 *   written and read with serialport without the bus;
 * - also: the same raw client against a second simulator process, which splits the difference
 *   into the simulator's share (decode, model, encode, two writes) and the bus's own share.
 * The three alternate in rounds so that machine noise falls on all of them alike.
 */
import { parseArgs } from 'node:util';
import { encodeFrame } from '../device-drivers/codecs/cctalk/frame.ts';
import { BILL_VALIDATOR, HOST, SIMPLE_POLL } from '../device-drivers/codecs/cctalk/headers.ts';
import { createCcTalkBus } from '../device-drivers/cctalk/cctalk-bus.ts';
import { createLogger } from '../platform/log.ts';
import {
  commit,
  machineLine,
  ProcessWatch,
  RawClient,
  scratchDir,
  spread,
  startCashSimulator,
  startEchoPair,
} from './cash-common.ts';
import { median, percentile } from './lib/stats.ts';

const { values } = parseArgs({ options: { polls: { type: 'string', default: '5000' } } });
const POLLS = Math.max(2000, Number(values.polls) || 2000);
const ROUNDS = 10;
const WARM_UP = 200;

const machine = machineLine();
const date = new Date().toISOString();
const scratch = scratchDir('ventanilla-bench-cash-poll-');
const watch = new ProcessWatch();
const logger = createLogger('bench.cash-poll', { level: 'warn' });
const frame = encodeFrame(
  { destination: BILL_VALIDATOR, source: HOST, header: SIMPLE_POLL, data: new Uint8Array(0) },
  'crc16',
);
const BACK = frame.length * 2; // echo + a 5-byte ACK without data

const stops: Array<() => Promise<void>> = [];
let leftovers: string[] = [];
try {
  const simBus = await startCashSimulator('bill-validator-main.ts', scratch.dir, 'bv-bus', 0, watch);
  stops.push(() => simBus.child.stop());
  const simRaw = await startCashSimulator('bill-validator-main.ts', scratch.dir, 'bv-raw', 0, watch);
  stops.push(() => simRaw.child.stop());
  const echo = await startEchoPair(scratch.dir, 2, watch);
  stops.push(() => echo.stop());

  const bus = createCcTalkBus({ path: simBus.hostPath, mode: 'crc16', logger });
  await bus.start();
  stops.unshift(() => bus.stop());
  if (bus.state !== 'open') throw new Error(`bus did not open ${simBus.hostPath}`);
  const rawSim = new RawClient();
  await rawSim.open(simRaw.hostPath);
  stops.unshift(() => rawSim.close());
  const rawEcho = new RawClient();
  await rawEcho.open(echo.hostPath);
  stops.unshift(() => rawEcho.close());

  const busPoll = async () => {
    const started = performance.now();
    const reply = await bus.request({ destination: BILL_VALIDATOR, header: SIMPLE_POLL, timeoutMs: 1_000 });
    const elapsed = performance.now() - started;
    if (reply.header !== 0 || reply.data.length !== 0) throw new Error('unexpected reply to 254');
    return elapsed;
  };
  const simPoll = () => rawSim.roundTrip(frame, BACK);
  const echoPoll = () => rawEcho.roundTrip(frame, BACK);

  for (let i = 0; i < WARM_UP; i++) {
    await busPoll();
    await simPoll();
    await echoPoll();
  }
  const measured: number[] = [];
  const viaSim: number[] = [];
  const baseline: number[] = [];
  const perRound = Math.ceil(POLLS / ROUNDS);
  const wall = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < perRound; i++) measured.push(await busPoll());
    for (let i = 0; i < perRound; i++) viaSim.push(await simPoll());
    for (let i = 0; i < perRound; i++) baseline.push(await echoPoll());
  }
  const wallS = (performance.now() - wall) / 1000;
  const noise = bus.noiseBytes;

  const ratio = (p: number) => (percentile(measured, p) / percentile(baseline, p)).toFixed(1);
  const busShare = median(measured) - median(viaSim);
  const simShare = median(viaSim) - median(baseline);
  console.log('== ccTalk simple poll (254) round trip over a PTY, simulator unpaced (--byte-delay-ms 0)');
  console.log(`   machine:  ${machine}`);
  console.log(`   date:     ${date}, commit ${commit()}`);
  console.log(`   measured: createCcTalkBus → bill validator simulator: ${spread(measured)}`);
  console.log(
    `   baseline: raw serialport write/read, ${frame.length} bytes out / ${BACK} back, socat PTY pair + echo loop: ${spread(baseline)}`,
  );
  console.log(`   ratio:    ${ratio(50)}× at p50, ${ratio(99)}× at p99`);
  console.log(`   also:     raw serialport client → simulator (no bus): ${spread(viaSim)}`);
  console.log(
    `   split (medians): PTY + serialport both ends ${median(baseline).toFixed(2)} ms; simulator's own work +${simShare.toFixed(2)} ms; bus's own work +${busShare.toFixed(2)} ms`,
  );
  console.log(
    `   ${measured.length} polls each, ${ROUNDS} alternating rounds after ${WARM_UP} warm-up each; ${wallS.toFixed(1)} s; bus noise bytes ${noise}`,
  );
  console.log(
    `SUMMARY cash-poll: bus p50 ${percentile(measured, 50).toFixed(2)} / p99 ${percentile(measured, 99).toFixed(2)} / max ${Math.max(...measured).toFixed(2)} ms vs raw PTY echo p50 ${percentile(baseline, 50).toFixed(2)} / p99 ${percentile(baseline, 99).toFixed(2)} ms (${ratio(50)}× p50, ${ratio(99)}× p99); bus's own share +${busShare.toFixed(2)} ms at p50`,
  );
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
  leftovers = await watch.leftovers();
  scratch.remove();
}
console.log(
  `   processes started: ${watch.count} (simulators, their socat, socat pair, echo loop); left running: ${leftovers.length === 0 ? 'none' : leftovers.join('; ')}`,
);
