import {
  EVOLIS_COMMAND,
  EvolisReplyDecoder,
  encodeCommand,
  parsePosition,
  parseReply,
} from '../codecs/evolis/index.ts';
import type { SerialLink } from '../transport/serial-link.ts';

/**
 * After a command timed out, its reply may still come (a print that took longer than its
 * timeout), and it would be taken for the next command's: an `OK` meant for `Sp` answering `Ser`.
 * So before the next command the driver asks `Rcp`, whose answer (`none`, `inPrinter`, `atExit`)
 * no other command gives, and skips every line before it. The printer answers what it has queued
 * back to back, so a short quiet time afterwards lets any straggler (the answer to an earlier `Rcp`
 * that timed out too) arrive while no command waits: the link drops it as noise.
 *
 * Resolves with the number of late lines skipped; rejects like `link.request` (the printer is
 * still silent, or the port is gone).
 */
export async function resynchronise(link: SerialLink, timeoutMs: number, quietMs = 50): Promise<number> {
  const decoder = new EvolisReplyDecoder();
  let fed = 0;
  let skipped = 0;
  await link.request(encodeCommand(EVOLIS_COMMAND.cardPosition), {
    timeoutMs,
    isComplete: (received) => {
      const lines = decoder.push(received.subarray(fed));
      fed = received.length;
      for (const line of lines) {
        const reply = parseReply(line);
        if (reply.kind === 'values' && parsePosition(reply.values) !== null) return true;
        skipped++;
      }
      return false;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  return skipped;
}
