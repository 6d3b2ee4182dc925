/** Parses a project module from disk for the facts pass, with the same Babel the instrumenter uses (set once it is loaded); cached per file. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as t from '@babel/types';
import { isFunction } from '../ast.js';
import { walkFunctions } from './primitives.js';

type ParseFunction = (code: string, options: object) => t.File;

let babelParse: ParseFunction | undefined;

/** Called when the instrumenter is loaded: `@babel/parser`'s `parse`, resolved next to the instrumenter's own Babel. */
export function setModuleParser(parse: ParseFunction): void {
  babelParse = parse;
}

/** TypeScript source by its extension (`.ts`, `.tsx`, `.mts`, `.cts`): parsed with the typescript plugin, and given typed replacements. */
export function isTypeScriptFile(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file);
}

const cache = new Map<string, t.File | null>();

/** The module's AST, or undefined when it cannot be read or parsed (facts then simply stay unknown). */
export function parseModuleFile(file: string): t.File | undefined {
  if (!cache.has(file)) cache.set(file, parseFresh(file) ?? null);
  return cache.get(file) ?? undefined;
}

function parseFresh(file: string): t.File | undefined {
  try {
    return parseSource(readFileSync(file, 'utf8'), isTypeScriptFile(file), file.endsWith('x'));
  } catch {
    return undefined;
  }
}

/** Parses source text (TypeScript or JavaScript, with JSX where the file allows it); undefined without a parser or on a syntax error. */
export function parseSource(code: string, typescript: boolean, jsx = !typescript): t.File | undefined {
  if (!babelParse) return undefined;
  const plugins = [...(typescript ? ['typescript'] : []), ...(jsx ? ['jsx'] : []), 'decorators-legacy'];
  try {
    return babelParse(code, { sourceType: 'unambiguous', errorRecovery: true, plugins });
  } catch {
    return undefined;
  }
}

const extensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const resolved = new Map<string, string | null>();

/**
 * `./util.js` from `src/a.ts` -> `src/util.ts` (TypeScript's `.js` spelling), `./util`, `./util/index`; undefined for packages.
 * Memoized like the parses: every call site of an imported helper asks again, and each answer costs up to 17 file probes.
 */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  if (!resolved.has(base)) {
    const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
    const candidates = [base, ...extensions.map((ext) => stem + ext), ...extensions.map((ext) => path.join(base, `index${ext}`))];
    resolved.set(base, candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null);
  }
  return resolved.get(base) ?? undefined;
}

/** The text of each file being mutated, by its live program: what `asWritten` parses. */
const writtenCode = new WeakMap<t.Program, { code: string; file: string }>();
const writtenByStart = new WeakMap<t.Program, Map<number, t.Node[]>>();

/** Called where a mutated file's facts are first asked (`code`: its text before any mutant was placed). */
export function noteWrittenCode(program: t.Program, code: string | undefined, file: string): void {
  if (code !== undefined && !writtenCode.has(program)) writtenCode.set(program, { code, file });
}

const writtenTypes = new Set(['ClassDeclaration', 'ClassExpression', 'VariableDeclarator']);

/**
 * A function, class or variable declarator of the file being mutated as its text has it. Stryker places each mutant in the live AST while it
 * traverses the file (its own mutators' too, unless `disableBuiltinMutators`), so a function the traversal has passed
 * shows mutant switches (`await this.closed;` becomes `stryMutAct(...) ? ... : ...`) and a fact read from it would be
 * lost or depend on where the function is in the file. The file's text is parsed once, on the first such question;
 * `node` itself in any other module (those are parsed from disk and never instrumented) or when nothing matches.
 */
export function asWritten<T extends t.Function | t.Class | t.VariableDeclarator>(node: T, program: t.Program): T {
  const written = writtenCode.get(program);
  if (!written || node.start == null) return node;
  let index = writtenByStart.get(program);
  if (!index) {
    const nodes = new Map<number, t.Node[]>();
    const ast = parseSource(written.code, isTypeScriptFile(written.file), written.file.endsWith('x'));
    if (ast) {
      walkFunctions(ast.program, [ast.program], (child) => {
        if ((isFunction(child) || writtenTypes.has(child.type)) && child.start != null) nodes.set(child.start, [...(nodes.get(child.start) ?? []), child]);
      });
    }
    writtenByStart.set(program, (index = nodes));
  }
  const same = index.get(node.start)?.find((candidate) => candidate.type === node.type && candidate.end === node.end);
  return (same as T | undefined) ?? node;
}
