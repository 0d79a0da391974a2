export * from './query-counter';
export * from './postgres';
export * from './mysql';
export * from './mongo';
export * from './kv';
export * from './database-url';
