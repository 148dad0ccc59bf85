export * from './severity.js';
export * from './boundary.js';
export * from './stride.js';
