export * from './tables';
export * from './events';
