import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CcTalkDecoder } from '../../device-drivers/codecs/cctalk/decoder.ts';
import { encodeFrame } from '../../device-drivers/codecs/cctalk/frame.ts';
import * as H from '../../device-drivers/codecs/cctalk/headers.ts';
import { BillValidatorModel } from './bill-validator-model.ts';
import { CcTalkResponder } from './cctalk-responder.ts';
import { CoinAcceptorModel } from './coin-acceptor-model.ts';
import { HopperModel } from './hopper-model.ts';

const request = (destination: number, header: number, mode: 'simple8' | 'crc16', data: number[] = []) =>
  encodeFrame({ destination, source: H.HOST, header, data: Uint8Array.from(data) }, mode);

function replyOf(out: Buffer[], mode: 'simple8' | 'crc16') {
  expect(out.length).toBe(2);
  const frames = new CcTalkDecoder(mode).push(out[1]!);
  expect(frames.length).toBe(1);
  return frames[0]!;
}

describe('ccTalk responder', () => {
  it('echoes the request, then replies to the host in the device checksum mode', () => {
    const responder = new CcTalkResponder(new BillValidatorModel(), () => 0);
    const poll = request(H.BILL_VALIDATOR, H.SIMPLE_POLL, 'crc16');
    const out = responder.receive(poll);
    expect(out[0]).toEqual(poll);
    expect(replyOf(out, 'crc16')).toMatchObject({
      destination: H.HOST,
      header: H.ACK,
      data: new Uint8Array(0),
    });
  });

  it('NAKs an unknown header, stays silent for other addresses and for a failed checksum', () => {
    const responder = new CcTalkResponder(new CoinAcceptorModel(), () => 0);
    expect(replyOf(responder.receive(request(H.COIN_ACCEPTOR, 99, 'simple8')), 'simple8')).toMatchObject({
      source: H.COIN_ACCEPTOR,
      header: H.NAK,
    });
    expect(responder.receive(request(H.HOPPER, H.SIMPLE_POLL, 'simple8')).length).toBe(1);
    const corrupt = request(H.COIN_ACCEPTOR, H.SIMPLE_POLL, 'simple8');
    corrupt[4]! ^= 1;
    expect(responder.receive(corrupt)).toEqual([corrupt]);
  });

  it('finds a frame split over chunks, and the next frame after a partial one and a pause', () => {
    let now = 0;
    const responder = new CcTalkResponder(new HopperModel(), () => now);
    const poll = request(H.HOPPER, H.SIMPLE_POLL, 'simple8');
    expect(responder.receive(poll.subarray(0, 2))).toHaveLength(1);
    expect(replyOf(responder.receive(poll.subarray(2)), 'simple8').header).toBe(H.ACK);
    // Noise that reads as the start of a 24-byte frame: the inter-byte time-out ends it.
    expect(responder.receive(Buffer.from([0xff, 0x13]))).toHaveLength(1);
    now = 100;
    expect(replyOf(responder.receive(poll), 'simple8').header).toBe(H.ACK);
  });

  it('noReply: echo only; badChecksum: a reply the host cannot decode', () => {
    const model = new CoinAcceptorModel();
    const responder = new CcTalkResponder(model, () => 0);
    const poll = request(H.COIN_ACCEPTOR, H.SIMPLE_POLL, 'simple8');
    model.injectFault('noReply', 0);
    expect(responder.receive(poll)).toEqual([poll]);
    model.clearFault('noReply', 0);
    model.injectFault('badChecksum', 0);
    const out = responder.receive(poll);
    expect(out).toHaveLength(2);
    expect(new CcTalkDecoder('simple8').push(out[1]!)).toEqual([]);
  });

  it('never throws on any bytes, and always echoes them', () => {
    const models = [new BillValidatorModel(), new CoinAcceptorModel(), new HopperModel()];
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2),
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        (which, chunks) => {
          const responder = new CcTalkResponder(models[which]!, () => 0);
          for (const chunk of chunks) expect(responder.receive(chunk)[0]).toEqual(Buffer.from(chunk));
        },
      ),
    );
    // Every header with random data, as valid frames, to every device.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 12 }), (header, data) => {
        for (const model of models) {
          const responder = new CcTalkResponder(model, () => 0);
          const out = responder.receive(request(model.address, header, model.checksumMode, [...data]));
          expect(out.length).toBeLessThanOrEqual(2);
        }
      }),
    );
  });
});
