export * from './command-decoder.ts';
export * from './command-encoder.ts';
export * from './commands.ts';
export * from './panel-compression.ts';
export * from './reply.ts';
export * from './state-replies.ts';
export * from './status.ts';
