export * from './engine';
export * from './presets';
export * from './rules';
export * from './summary';
export { formatMinor, readMoney } from './values';
export * from './stream';
export * from './stream-presets';
