import { crc32 } from './crc.ts';
import { MAX_CHUNK_DATA } from './frame.ts';

/** Host → scanner command types (docs/id-scanner-protocol.md, "Commands"). */
export const COMMAND = {
  status: 0x10,
  arm: 0x11,
  disarm: 0x12,
  capture: 0x13,
  imageInfo: 0x14,
  getChunk: 0x15,
  done: 0x16,
  reset: 0x17,
} as const;
export type CommandName = keyof typeof COMMAND;

/** Scanner → host message types. */
export const REPLY = {
  status: 0x80,
  documentPresent: 0x81,
  imageInfo: 0x82,
  chunk: 0x83,
  nak: 0x8f,
} as const;

export const COMMAND_TYPES: ReadonlySet<number> = new Set(Object.values(COMMAND));
export const REPLY_TYPES: ReadonlySet<number> = new Set(Object.values(REPLY));

/** Longest payload of each command: only `getChunk` carries one (its index). */
export function maxCommandPayload(type: number): number {
  return type === COMMAND.getChunk ? 4 : 0;
}

/** Longest payload of each scanner message; a header announcing more is not a frame. */
export function maxReplyPayload(type: number): number {
  switch (type) {
    case REPLY.status:
      return 2;
    case REPLY.documentPresent:
      return 0;
    case REPLY.imageInfo:
      return 15;
    case REPLY.chunk:
      return 8 + MAX_CHUNK_DATA;
    case REPLY.nak:
      return 1;
    default:
      return 0;
  }
}

/** Scanner status flags (first status byte). */
export const STATUS_FLAG = {
  documentPresent: 0x01,
  lampOn: 0x02,
  armed: 0x04,
  imageReady: 0x08,
} as const;

/** Scanner error (second status byte). */
export const SCANNER_ERROR = { none: 0, lamp: 1, sensor: 2, memory: 3 } as const;
export type ScannerErrorName = keyof typeof SCANNER_ERROR;

export interface ScannerStatus {
  documentPresent: boolean;
  lampOn: boolean;
  armed: boolean;
  imageReady: boolean;
  /** Error byte; a value this codec does not know is kept as a number. */
  error: ScannerErrorName | number;
}

/** NAK reasons. */
export const NAK = {
  unknownCommand: 1,
  badPayload: 2,
  noDocument: 3,
  noImage: 4,
  badChunkIndex: 5,
  busy: 6,
} as const;
export type NakName = keyof typeof NAK;

export const MIME_CODE = { 'image/png': 1, 'image/jpeg': 2 } as const;
export type ImageMime = keyof typeof MIME_CODE;

export interface ImageInfo {
  mime: ImageMime;
  totalBytes: number;
  /** Bytes in every chunk but the last. */
  chunkSize: number;
  chunkCount: number;
  /** CRC-32 of the whole image. */
  crc32: number;
}

export interface Chunk {
  index: number;
  /** CRC-32 of `data` as the scanner computed it. */
  crc32: number;
  data: Uint8Array;
}

export type ScannerMessage =
  | { type: 'status'; status: ScannerStatus }
  | { type: 'documentPresent' }
  | { type: 'imageInfo'; info: ImageInfo }
  | { type: 'chunk'; chunk: Chunk }
  | { type: 'nak'; reason: NakName | number };

export type HostCommand = { type: Exclude<CommandName, 'getChunk'> } | { type: 'getChunk'; index: number };

const nameOf = <T extends Record<string, number>>(table: T, value: number): keyof T | number => {
  for (const [name, code] of Object.entries(table)) if (code === value) return name;
  return value;
};

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function encodeCommand(command: HostCommand): { type: number; payload: Uint8Array } {
  const type = COMMAND[command.type];
  if (command.type !== 'getChunk') return { type, payload: new Uint8Array(0) };
  const payload = new Uint8Array(4);
  view(payload).setUint32(0, command.index);
  return { type, payload };
}

/** A command frame's meaning, or null when its payload does not fit its type. */
export function decodeCommand(type: number, payload: Uint8Array): HostCommand | null {
  const name = nameOf(COMMAND, type);
  if (typeof name === 'number') return null;
  if (name === 'getChunk')
    return payload.length === 4 ? { type: name, index: view(payload).getUint32(0) } : null;
  return payload.length === 0 ? { type: name } : null;
}

export function encodeStatus(status: ScannerStatus): Uint8Array {
  const flags =
    (status.documentPresent ? STATUS_FLAG.documentPresent : 0) |
    (status.lampOn ? STATUS_FLAG.lampOn : 0) |
    (status.armed ? STATUS_FLAG.armed : 0) |
    (status.imageReady ? STATUS_FLAG.imageReady : 0);
  const error = typeof status.error === 'number' ? status.error : SCANNER_ERROR[status.error];
  return Uint8Array.of(flags, error);
}

export function encodeImageInfo(info: ImageInfo): Uint8Array {
  const payload = new Uint8Array(15);
  const v = view(payload);
  v.setUint8(0, MIME_CODE[info.mime]);
  v.setUint32(1, info.totalBytes);
  v.setUint16(5, info.chunkSize);
  v.setUint32(7, info.chunkCount);
  v.setUint32(11, info.crc32);
  return payload;
}

/** `crc` overrides the chunk's CRC-32 (the simulator's bad-checksum fault). */
export function encodeChunk(index: number, data: Uint8Array, crc = crc32(data)): Uint8Array {
  if (data.length > MAX_CHUNK_DATA) throw new RangeError(`chunk of ${data.length} bytes is too long`);
  const payload = new Uint8Array(8 + data.length);
  const v = view(payload);
  v.setUint32(0, index);
  v.setUint32(4, crc >>> 0);
  payload.set(data, 8);
  return payload;
}

export function encodeNak(reason: NakName): Uint8Array {
  return Uint8Array.of(NAK[reason]);
}

/** A scanner frame's meaning, or null when its payload does not fit its type. */
export function decodeScannerMessage(type: number, payload: Uint8Array): ScannerMessage | null {
  const v = view(payload);
  switch (type) {
    case REPLY.status: {
      if (payload.length !== 2) return null;
      const flags = payload[0]!;
      return {
        type: 'status',
        status: {
          documentPresent: (flags & STATUS_FLAG.documentPresent) !== 0,
          lampOn: (flags & STATUS_FLAG.lampOn) !== 0,
          armed: (flags & STATUS_FLAG.armed) !== 0,
          imageReady: (flags & STATUS_FLAG.imageReady) !== 0,
          error: nameOf(SCANNER_ERROR, payload[1]!) as ScannerErrorName | number,
        },
      };
    }
    case REPLY.documentPresent:
      return payload.length === 0 ? { type: 'documentPresent' } : null;
    case REPLY.imageInfo: {
      if (payload.length !== 15) return null;
      const mime = nameOf(MIME_CODE, v.getUint8(0));
      if (typeof mime === 'number') return null;
      return {
        type: 'imageInfo',
        info: {
          mime,
          totalBytes: v.getUint32(1),
          chunkSize: v.getUint16(5),
          chunkCount: v.getUint32(7),
          crc32: v.getUint32(11),
        },
      };
    }
    case REPLY.chunk:
      if (payload.length < 8 || payload.length > 8 + MAX_CHUNK_DATA) return null;
      return {
        type: 'chunk',
        chunk: { index: v.getUint32(0), crc32: v.getUint32(4), data: payload.slice(8) },
      };
    case REPLY.nak:
      return payload.length === 1
        ? { type: 'nak', reason: nameOf(NAK, payload[0]!) as NakName | number }
        : null;
    default:
      return null;
  }
}

/** Chunk count and size an image of `totalBytes` is announced with. */
export function chunkLayout(
  totalBytes: number,
  chunkSize = MAX_CHUNK_DATA,
): { chunkSize: number; chunkCount: number } {
  return { chunkSize, chunkCount: Math.ceil(totalBytes / chunkSize) };
}
