import { IdScannerFault, type SimulatorState } from '../../contracts/simulator-control.ts';
import {
  type Chunk,
  chunkLayout,
  crc32,
  decodeCommand,
  EVENT_SEQ,
  encodeChunk,
  encodeFrame,
  encodeImageInfo,
  encodeNak,
  encodeStatus,
  type Frame,
  type HostCommand,
  type ImageInfo,
  type ImageMime,
  MAX_CHUNK_DATA,
  type NakName,
  REPLY,
} from '../../device-drivers/codecs/id-scanner/index.ts';

/** A document on the glass: what the scanner's camera would see, as image bytes. */
export interface PlacedDocument {
  id: string;
  image: Uint8Array;
  mime: ImageMime;
}

/** What the scanner does in answer to one command: frames to send after `delayMs`. */
export interface ScannerStep {
  frames: Uint8Array[];
  delayMs: number;
  /** The host confirmed it received the whole image (`done`). */
  transferDone?: boolean;
}

export interface IdScannerModelOptions {
  /** Lamp on, exposure and compression: how long `capture` takes. */
  captureMs: number;
  random?: () => number;
}

/** The image the last capture produced, with what the faults did to its transfer. */
interface CapturedImage {
  info: ImageInfo;
  /** Null for the fake 50 MB image: its chunks are zeros made on request. */
  bytes: Uint8Array | null;
  /** `badChunkChecksum`: this chunk goes out with a wrong CRC every time. */
  badChunk: number | null;
  /** `truncatedImage`: chunks from this index on are never answered. */
  cutAt: number | null;
}

/** What the `hugeImage` fault announces. */
export const HUGE_IMAGE_BYTES = 50 * 1024 * 1024;

/** Faults of the contract this mode acts on; `randomText` belongs to the wedge mode. */
const SERIAL_FAULTS = IdScannerFault.options.filter((fault) => fault !== 'randomText');

/**
 * The serial-image ID scanner (docs/id-scanner-protocol.md), without its wire: command frames in,
 * reply frames out. Holds the glass (empty or one document), whether it is armed, and the last
 * captured image. Faults (contracts/simulator-control.ts `IdScannerFault`): `noReply` silences it;
 * `garbage` puts random bytes before every frame it sends; `badChunkChecksum`, `truncatedImage`
 * and `hugeImage` act on the next capture and are then used up; `unplug` is the process's business.
 */
export class IdScannerModel {
  readonly supportedFaults: readonly IdScannerFault[] = SERIAL_FAULTS;
  private readonly faults = new Set<IdScannerFault>();
  private readonly random: () => number;
  private glass: PlacedDocument | null = null;
  private armed = false;
  private lampOn = false;
  private image: CapturedImage | null = null;
  private captures = 0;
  private chunksSent = 0;

  constructor(private readonly options: IdScannerModelOptions) {
    this.random = options.random ?? Math.random;
  }

  receive(frame: Frame): ScannerStep {
    if (this.faults.has('noReply')) return { frames: [], delayMs: 0 };
    const command = decodeCommand(frame.type, frame.payload);
    if (!command) return this.reply(frame.seq, REPLY.nak, encodeNak('badPayload'));
    return this.execute(frame.seq, command);
  }

  /** The customer lays a document down; the frames are the event for an armed host. */
  place(document: PlacedDocument): Uint8Array[] {
    this.glass = document;
    this.image = null;
    return this.armed ? this.documentPresentEvent() : [];
  }

  /** The document is taken away; the captured image goes with it. */
  remove(): boolean {
    const had = this.glass !== null;
    this.glass = null;
    this.image = null;
    this.lampOn = false;
    return had;
  }

  documentOnGlass(): string | null {
    return this.glass?.id ?? null;
  }

  injectFault(fault: IdScannerFault): void {
    this.faults.add(fault);
  }

  clearFault(fault: IdScannerFault): void {
    this.faults.delete(fault);
  }

  clearAllFaults(): void {
    this.faults.clear();
  }

  hasFault(fault: IdScannerFault): boolean {
    return this.faults.has(fault);
  }

  state(plugged: boolean): SimulatorState {
    return {
      device: 'idScanner',
      faults: [...this.faults],
      supplies: {
        mode: 'serialImage',
        document: this.glass?.id ?? '',
        armed: this.armed,
        captures: this.captures,
        chunksSent: this.chunksSent,
      },
      plugged,
    };
  }

  private execute(seq: number, command: HostCommand): ScannerStep {
    switch (command.type) {
      case 'status':
        return this.statusReply(seq);
      case 'arm': {
        this.armed = true;
        const step = this.statusReply(seq);
        // A document already lying there counts as laid down now.
        if (this.glass) step.frames.push(...this.documentPresentEvent());
        return step;
      }
      case 'disarm':
        this.armed = false;
        return this.statusReply(seq);
      case 'capture':
        return this.capture(seq);
      case 'imageInfo':
        return this.image
          ? this.reply(seq, REPLY.imageInfo, encodeImageInfo(this.image.info))
          : this.nak(seq, 'noImage');
      case 'getChunk':
        return this.chunk(seq, command.index);
      case 'done': {
        const hadImage = this.image !== null;
        this.image = null;
        this.armed = false;
        this.lampOn = false;
        return { ...this.statusReply(seq), transferDone: hadImage };
      }
      case 'reset':
        this.armed = false;
        this.lampOn = false;
        this.image = null;
        return this.statusReply(seq);
    }
  }

  private capture(seq: number): ScannerStep {
    if (!this.glass) return this.nak(seq, 'noDocument');
    this.armed = false;
    this.lampOn = true;
    this.captures++;
    const huge = this.faults.delete('hugeImage');
    const badChecksum = this.faults.delete('badChunkChecksum');
    const truncated = this.faults.delete('truncatedImage');
    const { image, mime } = this.glass;
    const totalBytes = huge ? HUGE_IMAGE_BYTES : image.length;
    const layout = chunkLayout(totalBytes, MAX_CHUNK_DATA);
    this.image = {
      info: { mime, totalBytes, ...layout, crc32: huge ? 0 : crc32(image) },
      bytes: huge ? null : image,
      badChunk: badChecksum ? 0 : null,
      cutAt: truncated ? Math.floor(layout.chunkCount / 2) : null,
    };
    const step = this.reply(seq, REPLY.imageInfo, encodeImageInfo(this.image.info));
    return { ...step, delayMs: this.options.captureMs };
  }

  private chunk(seq: number, index: number): ScannerStep {
    const image = this.image;
    if (!image) return this.nak(seq, 'noImage');
    if (index >= image.info.chunkCount) return this.nak(seq, 'badChunkIndex');
    if (image.cutAt !== null && index >= image.cutAt) return { frames: [], delayMs: 0 };
    const { chunkSize, totalBytes } = image.info;
    const start = index * chunkSize;
    const end = Math.min(start + chunkSize, totalBytes);
    const data = image.bytes ? image.bytes.subarray(start, end) : new Uint8Array(end - start);
    const chunk: Chunk = { index, crc32: crc32(data), data };
    if (image.badChunk === index) chunk.crc32 = (chunk.crc32 ^ 0x5a5a5a5a) >>> 0;
    this.chunksSent++;
    return this.reply(seq, REPLY.chunk, encodeChunk(chunk.index, chunk.data, chunk.crc32));
  }

  private statusReply(seq: number): ScannerStep {
    const payload = encodeStatus({
      documentPresent: this.glass !== null,
      lampOn: this.lampOn,
      armed: this.armed,
      imageReady: this.image !== null,
      error: 'none',
    });
    return this.reply(seq, REPLY.status, payload);
  }

  private nak(seq: number, reason: NakName): ScannerStep {
    return this.reply(seq, REPLY.nak, encodeNak(reason));
  }

  private reply(seq: number, type: number, payload: Uint8Array): ScannerStep {
    return { frames: [this.withGarbage(encodeFrame({ type, seq, payload }))], delayMs: 0 };
  }

  private documentPresentEvent(): Uint8Array[] {
    if (this.faults.has('noReply')) return [];
    return [
      this.withGarbage(
        encodeFrame({ type: REPLY.documentPresent, seq: EVENT_SEQ, payload: new Uint8Array(0) }),
      ),
    ];
  }

  /** `garbage`: a noisy line puts random bytes before each frame. */
  private withGarbage(frame: Uint8Array): Uint8Array {
    if (!this.faults.has('garbage')) return frame;
    const noise = new Uint8Array(1 + Math.floor(this.random() * 32));
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(this.random() * 256);
    const out = new Uint8Array(noise.length + frame.length);
    out.set(noise);
    out.set(frame, noise.length);
    return out;
  }
}
