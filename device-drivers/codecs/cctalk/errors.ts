/** Data of a reply that does not have the shape its header's description in part 2 requires. */
export class CcTalkDataError extends Error {
  override readonly name = 'CcTalkDataError';
}
