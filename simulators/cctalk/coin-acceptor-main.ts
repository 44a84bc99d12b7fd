import { createLogger } from '../../platform/log.ts';
import { CoinAcceptorModel } from './coin-acceptor-model.ts';
import { runCcTalkSimulator } from './run-cctalk-simulator.ts';
import { parseSimulatorArgs } from './simulator-args.ts';

/**
 * Coin acceptor simulator process (ccTalk address 2, simple checksum):
 *   --host-link <path> --device-link <path> --control-port <n, 0 = any> [--byte-delay-ms 1.04]
 */
const args = parseSimulatorArgs(process.argv.slice(2), {});
const model = new CoinAcceptorModel();
await runCcTalkSimulator({
  model,
  args,
  logger: createLogger('simulator.coinAcceptor'),
  insert: (value, now) => model.insert(value, now),
});
