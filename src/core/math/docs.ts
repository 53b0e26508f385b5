/** Docs for every entry, English and Simplified Chinese, assembled from the family files. */
import { GATED_DOCS } from './docs-gated';
import { RELU_DOCS } from './docs-relu';
import { SQUASH_DOCS } from './docs-squash';
import { VECTOR_DOCS } from './docs-vector';
import type { EntryDocs } from './docs-util';

export type { EntryDocs };

export const DOCS: Readonly<Record<string, EntryDocs>> = {
  ...SQUASH_DOCS,
  ...RELU_DOCS,
  ...GATED_DOCS,
  ...VECTOR_DOCS,
};
