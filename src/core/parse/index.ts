export { setWasmDirectory, locateWasm, loadLanguage, type GrammarName } from './wasm';
export { detectLanguage } from './language';
export { LineIndex } from './lines';
export { flattenNotebook, blankMagics, type CellSegment, type FlatNotebook } from './notebook';
export { makeSourceDoc, type SourceDoc } from './source';
export { parseSource, grammarFor, type ParsedSource, type ParseOptions } from './parse';
