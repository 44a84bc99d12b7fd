import { createLogger } from '../../platform/log.ts';
import { BillValidatorModel } from './bill-validator-model.ts';
import { runCcTalkSimulator } from './run-cctalk-simulator.ts';
import { parseSimulatorArgs } from './simulator-args.ts';

/**
 * Bill validator simulator process (ccTalk address 40, CRC-16):
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any>
 *   [--byte-delay-ms 1.04] [--escrow-timeout-ms 30000] [--stacker-capacity 500]
 */
const args = parseSimulatorArgs(process.argv.slice(2), {
  'escrow-timeout-ms': { min: 1, help: '30000' },
  'stacker-capacity': { min: 1, help: '500' },
});
const model = new BillValidatorModel({
  escrowTimeoutMs: args.extra['escrow-timeout-ms'] ?? 30_000,
  stackerCapacity: args.extra['stacker-capacity'] ?? 500,
});
await runCcTalkSimulator({
  model,
  args,
  logger: createLogger('simulator.billValidator'),
  insert: (value, now) => model.insert(value, now),
});
