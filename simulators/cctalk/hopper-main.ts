import { createLogger } from '../../platform/log.ts';
import { HopperModel } from './hopper-model.ts';
import { runCcTalkSimulator } from './run-cctalk-simulator.ts';
import { parseSimulatorArgs } from './simulator-args.ts';

/**
 * Coin hopper simulator process (ccTalk address 3, simple checksum, 1.00 EUR coins):
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any>
 *   [--byte-delay-ms 1.04] [--hopper-coins 200] [--coin-interval-ms 50]
 */
const args = parseSimulatorArgs(process.argv.slice(2), {
  'hopper-coins': { min: 0, help: '200' },
  'coin-interval-ms': { min: 1, help: '50' },
});
const model = new HopperModel({
  coins: args.extra['hopper-coins'] ?? 200,
  coinIntervalMs: args.extra['coin-interval-ms'] ?? 50,
});
await runCcTalkSimulator({ model, args, logger: createLogger('simulator.coinHopper') });
