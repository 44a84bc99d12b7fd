export * from './crc.ts';
export * from './frame.ts';
export * from './messages.ts';
