import { CcTalkDecoder } from '../../device-drivers/codecs/cctalk/decoder.ts';
import { encodeFrame } from '../../device-drivers/codecs/cctalk/frame.ts';
import { ACK, BUSY, HOST, NAK } from '../../device-drivers/codecs/cctalk/headers.ts';
import type { CcTalkDeviceModel, CcTalkReply } from './cctalk-device-model.ts';

const INTER_BYTE_TIMEOUT_MS = 50;

const REPLY_HEADER: Record<CcTalkReply['kind'], number> = { ack: ACK, nak: NAK, busy: BUSY };

/**
 * The device end of a single-wire ccTalk bus, without the port: bytes from the host in, bytes
 * back out, in order. Never throws on input.
 * - Echo: on the single wire the host hears its own transmission (part 1, "single wire"), so
 *   every byte it sends comes back first, whatever it is and whoever it was for.
 * - Frames for other addresses are for other devices on the bus: no reply. Frames whose
 *   checksum fails are not frames at all (the decoder drops them): a device stays silent and the
 *   host retries after its time-out (part 1, "error handling").
 * - A reply goes to the host (address 1) with header 0 (ACK + data), 5 (NAK) or 6 (BUSY), in the
 *   device's checksum mode. With fault `noReply` the device hears but never answers; with
 *   `badChecksum` its replies carry a wrong checksum.
 */
export class CcTalkResponder {
  private readonly decoder: CcTalkDecoder;
  private lastByteAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly model: CcTalkDeviceModel,
    private readonly now: () => number = Date.now,
  ) {
    this.decoder = new CcTalkDecoder(model.checksumMode);
  }

  /** What goes back on the wire for `chunk`: the echo, then a reply per frame addressed here. */
  receive(chunk: Uint8Array): Buffer[] {
    const out: Buffer[] = [Buffer.from(chunk)];
    const at = this.now();
    // Part 1 "timing": a gap of more than 50 ms between bytes ends a message, so a partial
    // frame (noise that looked like a long frame's start) is dropped and the next one is read.
    if (at - this.lastByteAt > INTER_BYTE_TIMEOUT_MS) this.decoder.reset();
    if (chunk.length > 0) this.lastByteAt = at;
    for (const frame of this.decoder.push(chunk)) {
      if (frame.destination !== this.model.address) continue;
      const reply = this.model.handle(frame.header, frame.data, at);
      if (!reply || this.model.hasFault('noReply')) continue;
      out.push(this.encodeReply(reply));
    }
    return out;
  }

  private encodeReply(reply: CcTalkReply): Buffer {
    const bytes = encodeFrame(
      {
        destination: HOST,
        source: this.model.address,
        header: REPLY_HEADER[reply.kind],
        data: reply.kind === 'ack' ? reply.data : new Uint8Array(0),
      },
      this.model.checksumMode,
    );
    if (this.model.hasFault('badChecksum')) bytes[bytes.length - 1]! ^= 0x5a;
    return bytes;
  }
}
