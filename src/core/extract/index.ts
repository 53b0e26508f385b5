/**
 * Parsed source → ProgramIR. One walk over the tree collects the facts; the extractors of the
 * frameworks present read the facts (no extractor walks the tree again).
 */
import type { Comment, ImportBinding, ProgramIR } from '../ir';
import { emptyIR } from '../ir';
import type { Framework } from '../math/types';
import type { ParsedSource } from '../parse/parse';
import { extractActivationCalls } from './calls';
import { Extraction } from './context';
import { linkChainFlow, linkSubclassFlow } from './dataflow';
import { extractFunctional } from './functional';
import { frameworkOf } from './imports';
import { impliedFrameworks, moduleExports } from './imported';
import type { Facts } from './facts';
import { currentRange, incrementalFacts, settle, type ExtractSession, type ExtractStats } from './incremental';
import { extractLosses } from './losses';
import { extractSequentials, extractSubclasses } from './models';
import { configClasses } from './configs';
import { isConfigClass } from '../resolve/values';
import { extractMentions } from './mentions';
import { extractStandaloneActivations } from './standalone';
import type { Dialect } from './syntax';
import { locator, mergeIR, RegionsFailed, sortIR, type Carry } from './carry';
import { nameIndex, Recorder, regions, type Regions } from './regions';
import { carryReads, cutoff, peekText, recordRead } from './cutoff';
import type { SourceDoc } from '../parse/source';

export { Stop } from './walk';
export type { ExtractSession, ExtractStats } from './incremental';

/** Names only transformers' own package defines, imported relatively inside it. */
const HF_INTERNAL = /(^|\.)(configuration_utils\.(PreTrainedConfig|PretrainedConfig)|activations\.(ACT2FN|ACT2CLS|get_activation))$/;

/** Name groups (regions.ts) of at most this many statements are analyzed again rather than cut off (cutoff.ts). */
const SMALL_GROUP = 2;

/** Incremental extraction: the session of the previous analysis of this document in, this one's out. */
export interface ExtractReuse {
  previous?: ExtractSession;
  /** The previous analysis' IR and document: given, only the groups of statements an edit reaches are analyzed again (./regions.ts). */
  previousIR?: ProgramIR;
  previousDoc?: SourceDoc;
  session?: ExtractSession;
  stats?: ExtractStats;
  /** Set when only part of the file was analyzed again: that part's IR (the rules run on it) and how the rest is carried over. */
  part?: { ir: ProgramIR; carry: Carry };
}

export function extract(parsed: ParsedSource, shouldStop: () => boolean = () => false, reuse?: ExtractReuse): ProgramIR {
  const { doc, tree } = parsed;
  const language = doc.language === 'ipynb' ? 'python' : doc.language;
  // Text read by range (rules' quick fixes, sites' `from` text) is recorded for the early cut-off
  // of edits (./cutoff.ts), once the session exists; notebooks are never edited incrementally.
  let reads: ExtractSession | undefined;
  const ir = emptyIR(language, (r) => {
    if (reads && !doc.segments) recordRead(reads, doc.lines.offsetAt(r.start), doc.lines.offsetAt(r.end));
    return doc.textAt(r);
  });
  if (!tree) return ir;
  const dialect = parsed.grammar === 'python' ? 'py' : 'js';
  // The walk reads a plain-JS copy of the tree: far fewer calls into wasm (src/core/parse/mirror.ts);
  // statements unchanged since the previous analysis keep their copy and facts (./incremental.ts).
  const { facts, session, stats, matched, previous, patched, strayError } = incrementalFacts(tree, doc.program, parsed.grammar, dialect, shouldStop, reuse?.previous, parsed.span);
  stats.reanalyzed = stats.statements;
  reads = session;
  if (reuse) {
    reuse.session = session;
    reuse.stats = stats;
  }

  ir.imports = facts.imports.raw.map((i): ImportBinding => ({ local: i.local, qualified: i.qualified, range: currentRange(doc, i.node) }));
  ir.relativeImports = facts.imports.relativeEntries();
  // Read without moving kept statements (see incremental.ts settle): their text is the same.
  ir.comments = facts.comments.map((n): Comment => {
    const range = currentRange(doc, n);
    // Not flagged as read: the comments (noqa) are made again on every analysis, cut off or not.
    const c: Comment = { line: range.start.line, text: peekText(n), range };
    if (range.cell !== undefined) c.cell = range.cell;
    return c;
  });

  const frameworks = new Set<Framework>(facts.imports.frameworks());
  // An indexed loop: extract() runs once per keystroke, mostly before V8 optimizes it, and an
  // iterator over every call of the file allocated a result object per call (90 KB a keystroke).
  for (let i = 0; i < facts.calls.length; i++) {
    const call = facts.calls[i]!;
    if (!call.qualified) continue;
    if (dialect === 'js') {
      if (call.qualified.startsWith('tf.')) frameworks.add('tfjs');
    } else {
      const f = frameworkOf(call.qualified);
      if (f) frameworks.add(f);
    }
  }
  // Names used as values count too (`relu=F.relu` in a registry table that imports nothing but `*`).
  if (dialect === 'py' && frameworks.size === 0) {
    // PyTorch model zoos (timm, transformers, mmcv) imported without torch itself: model entry points.
    if (facts.imports.raw.some((i) => /^(timm|transformers|mmcv|mmengine)(\.|$)/.test(i.qualified))) frameworks.add('torch');
    // Inside transformers itself: `from ...configuration_utils import PreTrainedConfig`, `from ...activations import ACT2FN`.
    if ([...facts.imports.relativeImports()].some((q) => HF_INTERNAL.test(q))) frameworks.add('torch');
    for (const r of facts.refs) {
      const q = facts.imports.qualify(r.path);
      const f = q ? frameworkOf(q) : undefined;
      if (f && q !== 'torch' && q !== 'keras') {
        frameworks.add(f);
        break;
      }
    }
  }
  if (dialect === 'js') frameworks.delete('torch'), frameworks.delete('keras');
  else frameworks.delete('tfjs');
  if (frameworks.size === 0) for (const f of impliedFrameworks(facts)) frameworks.add(f);
  ir.frameworks = [...frameworks].sort();
  if (frameworks.size === 0) {
    // A config module that imports no framework (a config subclassing another file's config):
    // its fields are still what other files' registry lookups read (project/configs.ts).
    if (dialect === 'py' && facts.classes.some(isConfigClass)) {
      for (const rec of session.statements) settle(rec.node);
      const configs = configClasses(new Extraction(doc, facts, ir, frameworks));
      if (configs.length > 0) ir.configs = configs;
    }
    return ir;
  }

  const prevIR = reuse?.previousIR;
  const recorder = new Recorder(session.offsets);
  // A syntax error inside a statement (an unfinished line: `nn.GELU(` — half the states of typing a
  // line) leaves the statement what it is, walked anew like any changed one, and the name graph sees
  // its names. An ERROR at the top level is code the parser could not place in any statement: it
  // may bind names across statements in ways the name graph does not see: analyze in full then.
  if (previous && prevIR && reuse?.previousDoc && !strayError && prevIR.frameworks.join() === ir.frameworks.join()) {
    if (parsed.span) carryReads(previous, session, parsed.span);
    try {
      // An edit inside text nothing read: everything can be carried over, moved (./cutoff.ts). That
      // walks the previous IR; when the name graph's group is a statement or two, analyzing those is
      // cheaper, so with a cut-off at hand the name graph gives up past SMALL_GROUP statements.
      const cut = parsed.span ? cutoff({ previous, previousDoc: reuse.previousDoc, session, doc, matched, span: parsed.span, patched }) : undefined;
      // A statement patched before the walk (./leafpatch.ts) is its old record: the name graph would
      // see no change. Cut off, or analyzed in full.
      if (patched && !cut) throw new RegionsFailed();
      // A cut-off that patched numbers (cutoff.ts) runs the rules of the name groups of the edit again.
      const large: { dirty?: Set<number> } | undefined = cut && cut.patched > 0 ? {} : undefined;
      const input = { previous, previousDoc: reuse.previousDoc, session, doc, facts, matched };
      let regs: Regions | undefined;
      if (!patched) regs = regions(input, cut ? SMALL_GROUP : Infinity, large);
      else if (large) {
        // The groups of the statement patched before the walk (its facts hold: the walk did not read
        // the number): analyzed again when small, else only their rules run again (below). Typing on
        // in the same statement, each keystroke patched like this one, changes no name, binding or
        // log: the groups are those of the previous keystroke.
        const last = previous.patchedGroups;
        if (last && last.rec === session.statements[patched.index]) large.dirty = last.dirty;
        else {
          regs = regions(input, SMALL_GROUP, large, [patched.index]);
          if (regs && !regs.dirty.has(patched.index)) throw new RegionsFailed();
        }
      }
      const carry = regs?.carry ?? cut?.carry;
      if (carry) {
        const part: ProgramIR = { ...ir, models: [], losses: [], links: [], activationCalls: [], activations: [] };
        if (regs) analyzeFacts(doc, regs.facts, part, frameworks, dialect, shouldStop, { models: recorder.watch('models', regs.seeded.models), losses: recorder.watch('losses', regs.seeded.losses) });
        const redone = regs?.dirty ?? new Set<number>();
        const merged: ProgramIR = { ...ir };
        mergeIR(prevIR, part, merged, carry, locator(previous, carry.oldIndex), locator(session, carry.newIndex), redone);
        if (regs) {
          // The redone statements' logs are this analysis' (regs.logs leaves them empty; a map over it
          // would skip those holes and lose what the redone statements looked up by name).
          for (const i of redone) regs.logs[i] = recorder.logs[i];
          session.logs = regs.logs;
        } else session.logs = cut!.logs();
        // regions() keeps the name index up to date, unless it gave up before reaching it.
        if (!session.index) nameIndex(previous, session, facts.imports);
        if (!regs && large) {
          // Typed numbers patched into the IR (cutoff.ts): the rules read them (units, argument
          // values), so the rules of the name groups the edit reaches run again, on those groups'
          // items (as after a partial analysis); past regions' largest share, on the whole IR.
          stats.patched = cut!.patched;
          if (large.dirty) reuse.part = rulesPart(merged, session, carry, large.dirty);
          if (patched && large.dirty) session.patchedGroups = { rec: session.statements[patched.index]!, dirty: large.dirty };
        } else reuse.part = { ir: part, carry };
        stats.reanalyzed = redone.size;
        return merged;
      }
    } catch (e) {
      if (!(e instanceof RegionsFailed)) throw e;
      recorder.logs.fill(undefined);
    }
  }
  for (const rec of session.statements) settle(rec.node);
  analyzeFacts(doc, facts, ir, frameworks, dialect, shouldStop, { models: recorder.watch('models'), losses: recorder.watch('losses') });
  session.logs = recorder.logs;
  return ir;
}

/**
 * For the rules of some statements (`groups`, new indices) only: an IR with those statements'
 * items of `ir`, and a carry that carries every other statement's findings (a cut-off's carry, in
 * which the statements keep their indices).
 */
function rulesPart(ir: ProgramIR, session: ExtractSession, carry: Carry, groups: ReadonlySet<number>): { ir: ProgramIR; carry: Carry } {
  const at = locator(session, carry.newIndex);
  const part: ProgramIR = { ...ir };
  // The lists mergeIR merges (carry.ts), as a partial analysis leaves them for its rules.
  for (const list of ['models', 'losses', 'links', 'activationCalls', 'activations', 'exports', 'configs'] as const) {
    const items = ir[list] as object[] | undefined;
    if (items) (part as unknown as Record<string, unknown>)[list] = items.filter((item) => groups.has(at(list, item)));
  }
  return { ir: part, carry: { ...carry, kept: (j) => carry.kept(j) && !groups.has(carry.newOf(j)) } };
}

/** The passes after the walk: models, losses, activation sites, value resolution, exports, configs. */
function analyzeFacts(doc: SourceDoc, facts: Facts, ir: ProgramIR, frameworks: Set<Framework>, dialect: Dialect, shouldStop: () => boolean, watch?: ConstructorParameters<typeof Extraction>[4]): void {
  const ex = new Extraction(doc, facts, ir, frameworks, watch);
  extractActivationCalls(ex);
  for (const fw of ir.frameworks) {
    if (shouldStop()) break;
    extractSubclasses(ex, fw);
    linkSubclassFlow(ex, fw);
    extractSequentials(ex, fw);
    if (fw !== 'torch') extractFunctional(ex, fw);
    ex.bindIndirectModels(fw);
    extractLosses(ex, fw);
  }
  linkChainFlow(ir.models);
  ir.exports = moduleExports(ex);
  extractStandaloneActivations(ex);
  if (!shouldStop()) extractMentions(ex);
  if (dialect === 'py') {
    const configs = configClasses(ex);
    if (configs.length > 0) ir.configs = configs;
  }
  // Inputs that are model steps: F.softmax(self.fc(x)) → the fc layer.
  for (const call of facts.calls) {
    const ac = ex.activationByCall.get(call.id);
    if (!ac || ac.input) continue;
    const arg = call.args.find((a) => a.index === 0);
    const inner = arg ? ex.callOf(arg.value) : undefined;
    const layer = inner ? ex.layerByCall.get(inner.id) : undefined;
    if (layer) ac.inputLayer = layer;
  }
  // Source order (views and partial analyses read the lists in this order: regions.ts).
  sortIR(ir);
}
