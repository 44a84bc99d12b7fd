import type { CompletionCode } from '../../contracts/devices/operation.ts';
import { ERROR_WORD, MINOR } from '../codecs/evolis/index.ts';

/**
 * What an `ERR;<WORD>` reply means for the operation that got it (docs/card-printer-protocol.md,
 * "States and errors"). The word itself is always the result's `errorCode`.
 * - supplies and cover: the printer cannot do it until staff clear them → `deviceNotReady`;
 * - jam and stripe faults → `hardwareError`;
 * - `SEQ`: no card for this step, or a card already inside for a pick → `sequenceError`;
 * - `PARAM`: the printer refused the command's arguments → `invalidData`;
 * - `CDE`: the printer does not know the command → `unsupported`;
 * - any other word is a printer fault this driver does not know → `hardwareError`.
 */
const CODE_OF_WORD: Record<string, Exclude<CompletionCode, 'success'>> = {
  [MINOR.coverOpen]: 'deviceNotReady',
  [MINOR.ribbonEnded]: 'deviceNotReady',
  [MINOR.feederEmpty]: 'deviceNotReady',
  [MINOR.rejectBoxFull]: 'deviceNotReady',
  [MINOR.mechanical]: 'hardwareError',
  [MINOR.writeMagnetic]: 'hardwareError',
  [ERROR_WORD.readMagnetic]: 'hardwareError',
  [ERROR_WORD.outOfSequence]: 'sequenceError',
  [ERROR_WORD.badParameter]: 'invalidData',
  [ERROR_WORD.unknownCommand]: 'unsupported',
};

export function completionOfErrorWord(word: string): Exclude<CompletionCode, 'success'> {
  return CODE_OF_WORD[word] ?? 'hardwareError';
}
