export * from './boot-keyboard.ts';
export * from './frame.ts';
export * from './hid-pos.ts';
export * from './us-layout.ts';
