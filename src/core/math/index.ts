/**
 * The activation catalog (see types.ts for the data model and evaluate.ts for how framework
 * differences are expressed as parameters). The catalog reads nothing and imports nothing outside
 * src/core/math.
 */
export type * from './types';
export { entries, getEntry, entryDefaults, lookup, suggest, editDistance, type LookupOptions } from './catalog';
export { evaluate, derivative, vector, jvp, isPointwise, type Target } from './evaluate';
export { formatRange, formatNumber, formatParams, formatSignature } from './format';
export { SELU_ALPHA, SELU_SCALE } from './fn-smooth';
