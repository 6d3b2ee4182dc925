/**
 * The one fact that needs types: the class of a receiver that syntax cannot see (`const d = await makeDelay(o);
 * await d.apply()` where `makeDelay`'s return type is inferred, `this.pool.drained()` with an inferred field type; a
 * declared one is read by `sites.ts` without asking). Answered by the TypeScript checker (ts-morph's compiler),
 * only for `.ts` files under a tsconfig.json, only when syntax had no answer and the receiver is rooted in a local
 * binding or `this`, with one program per tsconfig per process (created on the first such question, reused for all).
 * JS files never get here.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { moduleInfo, type ModuleInfo } from './module-info.js';
import { isTypeScriptFile, parseModuleFile } from './parser.js';
import { factOfMember, type TimingFact } from './timing.js';
import { nearestTsconfig } from './tsconfig.js';

/**
 * The few TypeScript compiler calls used here, typed locally: the compiler is the one ts-morph bundles (`require('ts-morph').ts`),
 * loaded at run time only (a missing install leaves typed facts unknown instead of failing), and compiling sleepmut does
 * not need its types. The compiler API is used directly rather than ts-morph's wrappers: the same program and checker
 * answer, without a wrapper object per visited node and without ts-morph's own file system layer.
 */
interface TsNode {
  parent: TsNode;
  pos: number;
  name?: TsNode;
  kind: number;
  text?: string;
  end: number;
  getStart(source?: TsSourceFile): number;
  getText(source?: TsSourceFile): string;
  getSourceFile(): TsSourceFile;
}
interface TsType {
  flags: number;
  isUnion(): this is { types: TsType[] };
  getSymbol(): { declarations?: TsNode[] } | undefined;
}
interface TsSourceFile extends TsNode {
  fileName: string;
  /** The whole text (`getText()` leaves out leading comments, so a file with a license header never matched `code`). */
  text: string;
}
interface TsProgram {
  getSourceFile(file: string): TsSourceFile | undefined;
  getTypeChecker(): { getSymbolAtLocation(node: TsNode): { declarations?: TsNode[] } | undefined; getTypeAtLocation(node: TsNode): TsType };
}
interface TsCompilerHost {
  getSourceFile(file: string, languageVersion: unknown, onError?: unknown, shouldCreate?: boolean): TsSourceFile | undefined;
  jsDocParsingMode?: number;
  resolveModuleNameLiterals?(literals: readonly { text: string }[], containingFile: string, redirected: unknown, options: object, containingSource: TsSourceFile): object[];
  getCurrentDirectory(): string;
  getCanonicalFileName(name: string): string;
}
interface Ts {
  sys: object;
  JSDocParsingMode: { ParseNone: number };
  getParsedCommandLineOfConfigFile(file: string, options: object, host: object): { fileNames: string[]; options: object } | undefined;
  createCompilerHost(options: object): TsCompilerHost;
  createProgram(options: { rootNames: string[]; options: object; host: TsCompilerHost; oldProgram?: TsProgram }): TsProgram;
  createSourceFile(file: string, text: string, languageVersion: unknown, setParents: boolean): TsSourceFile;
  getTokenAtPosition(source: TsSourceFile, offset: number): TsNode;
  isIdentifier(node: TsNode): boolean;
  isClassDeclaration(node: TsNode): boolean;
  TypeFlags: { Undefined: number; Null: number; Void: number };
  isPrivateIdentifier(node: TsNode): boolean;
  forEachChild<T>(node: TsNode, visit: (child: TsNode) => T | undefined): T | undefined;
  createModuleResolutionCache(directory: string, canonicalName: (name: string) => string, options: object): object;
  resolveModuleName(name: string, containingFile: string, options: object, host: TsCompilerHost, cache: object, redirected: unknown, mode: unknown): { resolvedModule?: { isExternalLibraryImport?: boolean } };
  getModeForUsageLocation(file: TsSourceFile, usage: { text: string }, options: object): unknown;
}
/** One tsconfig's program: its files, texts that differ from disk (the code being mutated), the program once built. */
interface TsProject {
  ts: Ts;
  rootNames: string[];
  options: object;
  host: TsCompilerHost;
  texts: Map<string, string>;
  program?: TsProgram;
}

/** lib.es5's mapped utility types, which keep a property's declared type (the program is built without lib). */
const utilityTypesText = [
  'type Partial<T> = { [P in keyof T]?: T[P] };',
  'type Required<T> = { [P in keyof T]-?: T[P] };',
  'type Readonly<T> = { readonly [P in keyof T]: T[P] };',
  'type Pick<T, K extends keyof T> = { [P in K]: T[P] };',
].join('\n');

const projects = new Map<string, TsProject | null>();
const answers = new Map<string, TimingFact | null>();

export function typedMemberFact(path: NodePath<t.CallExpression>, module: ModuleInfo): TimingFact | undefined {
  const callee = path.node.callee;
  if (callee.type !== 'MemberExpression' || callee.property.start == null || !isTypeScriptFile(module.file)) return undefined;
  const offset = callee.property.start;
  return answerOnce(answers, path, module.file, `${offset}`, (code) => ask(module.file, offset, code));
}

/**
 * One checker question per file, position and text of the file (`code`, the text being mutated, from Stryker's hub):
 * asked on the first call, the answer (or its absence) remembered; a file not on disk is never asked about.
 */
function answerOnce<T>(cache: Map<string, T | null>, path: NodePath, file: string, position: string, question: (code: string | undefined) => T | undefined): T | undefined {
  const code = (path.hub as unknown as { file?: { code?: string } } | undefined)?.file?.code;
  const key = `${file}:${position}:${code?.length}`;
  if (!cache.has(key)) cache.set(key, (isOnDisk(file) ? question(code) : undefined) ?? null);
  return cache.get(key) ?? undefined;
}

const onDisk = new Map<string, boolean>();

/** Whether the file exists, probed once per file (every question about it asked again: a tenth of the questions' time). */
function isOnDisk(file: string): boolean {
  let exists = onDisk.get(file);
  if (exists === undefined) onDisk.set(file, (exists = existsSync(file)));
  return exists;
}

const classAnswers = new Map<string, { cls: t.Class; module: ModuleInfo } | null>();

/**
 * The project class of the value of the expression at `path` (`this._options.stdin` typed `ExecProcess`, tinyexec), when
 * every type it may have besides `undefined` and `null` is that one class, declared in the project's source.
 */
export function typedClassOf(path: NodePath, module: ModuleInfo): { cls: t.Class; module: ModuleInfo } | undefined {
  const { node } = path;
  const { start, end } = node;
  if (start == null || end == null || !isTypeScriptFile(module.file)) return undefined;
  return answerOnce(classAnswers, path, module.file, `${start}:${end}`, (code) => askClass(module.file, start, end, code));
}

function askClass(file: string, start: number, end: number, code: string | undefined): { cls: t.Class; module: ModuleInfo } | undefined {
  const project = projectFor(file);
  if (!project) return undefined;
  try {
    const source = sourceFor(project, file, code);
    if (!source) return undefined;
    // The checker first: binding the files sets the parent links the walk up from the token follows.
    const checker = project.program!.getTypeChecker();
    let node: TsNode | undefined = project.ts.getTokenAtPosition(source, end - 1);
    while (node && node !== source && !(node.getStart(source) === start && node.end === end)) node = node.parent;
    if (!node || node === source) return undefined;
    const type = checker.getTypeAtLocation(node);
    const { Undefined, Null, Void } = project.ts.TypeFlags;
    const types = (type.isUnion() ? type.types : [type]).filter((part) => !(part.flags & (Undefined | Null | Void)));
    const classes = new Set(types.map((part) => part.getSymbol()?.declarations?.find((declaration) => project.ts.isClassDeclaration(declaration))));
    const [declaration] = classes;
    return classes.size === 1 && declaration ? projectClass(project, declaration) : undefined;
  } catch {
    return undefined;
  }
}

/** The Babel class (and its module) of a class declaration the checker found, when it is the project's own source. */
function projectClass(project: TsProject, declaration: TsNode): { cls: t.Class; module: ModuleInfo } | undefined {
  const name = declaration.name && project.ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  const declaringFile = declaration.getSourceFile().fileName;
  if (!name || declaringFile.endsWith('.d.ts') || declaringFile.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  const ast = parseModuleFile(declaringFile);
  const declaringModule = ast && moduleInfo(ast.program, declaringFile);
  const cls = declaringModule?.declarations.get(name);
  return declaringModule && (cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression') ? { cls, module: declaringModule } : undefined;
}

/** `code`: the text being mutated, which the checker must see (it is the file on disk in a Stryker run). */
function ask(file: string, offset: number, code: string | undefined): TimingFact | undefined {
  const project = projectFor(file);
  if (!project) return undefined;
  try {
    const source = sourceFor(project, file, code);
    if (!source) return undefined;
    const node = nameAt(project.ts, source, offset);
    const owner = project.program?.getTypeChecker().getSymbolAtLocation(node)?.declarations?.[0]?.parent;
    const declaring = owner && project.ts.isClassDeclaration(owner) ? projectClass(project, owner) : undefined;
    const memberName = node.getText(source);
    return declaring && memberName ? factOfMember(declaring.cls, memberName, declaring.module) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The member name that starts at `offset`: a descent through the nodes that contain it, which is what
 * `getTokenAtPosition` finds for a name without building the syntax lists and tokens it creates on the way (they were
 * a fifth of the time of a question); anything else is left to `getTokenAtPosition`.
 */
function nameAt(ts: Ts, source: TsSourceFile, offset: number): TsNode {
  let node: TsNode = source;
  for (let child: TsNode | undefined = source; child; ) {
    node = child;
    child = ts.forEachChild(node, (inner) => (inner.pos <= offset && offset < inner.end ? inner : undefined));
  }
  const isName = ts.isIdentifier(node) || ts.isPrivateIdentifier(node);
  return isName && node.getStart(source) === offset ? node : ts.getTokenAtPosition(source, offset);
}

/**
 * The file's source in the project's program, with `code` as its text. The program is built once over the tsconfig's
 * files and rebuilt (reusing every unchanged source file) only when a file outside it is asked about or a file's text
 * differs from what the program has.
 */
function sourceFor(project: TsProject, file: string, code: string | undefined): TsSourceFile | undefined {
  let stale = project.program === undefined;
  if (!project.rootNames.includes(file)) {
    project.rootNames.push(file);
    stale = true;
  }
  if (code !== undefined && (project.program?.getSourceFile(file)?.text ?? project.texts.get(file)) !== code) {
    project.texts.set(file, code);
    stale = true;
  }
  if (stale) project.program = project.ts.createProgram({ rootNames: project.rootNames, options: project.options, host: project.host, oldProgram: project.program });
  return project.program?.getSourceFile(file);
}

/** The project of the nearest tsconfig.json, created on first use (ts-morph itself is loaded only then). */
function projectFor(file: string): TsProject | undefined {
  const tsconfig = nearestTsconfig(path.dirname(file));
  if (!tsconfig) return undefined;
  if (!projects.has(tsconfig)) {
    try {
      const { ts } = createRequire(import.meta.url)('ts-morph') as { ts: Ts };
      // The whole program of the tsconfig at once: one checker for the run (adding files one by one rebuilt it per file).
      // No lib, no @types and no package typings: the question is which project class declares a member, not what the
      // standard library types are; loading them made the checker's setup cost more than the answers (about a second per
      // program). No JSDoc
      // parsing: in a TypeScript file JSDoc carries no types the checker uses for this question.
      const options = { noLib: true, types: [], noEmit: true, skipLibCheck: true };
      const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, options, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (!parsed) throw new Error(`unreadable ${tsconfig}`);
      const host = ts.createCompilerHost(parsed.options);
      host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
      // Source files are kept across rebuilds: the compiler host asks for every file again and would reparse it.
      const texts = new Map<string, string>();
      const sources = new Map<string, TsSourceFile | undefined>();
      const readSource = host.getSourceFile.bind(host);
      host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
        const text = texts.get(name);
        const kept = sources.get(name);
        if (sources.has(name) && (text === undefined || kept?.text === text)) return kept;
        const source = text === undefined ? readSource(name, languageVersion, onError, shouldCreate) : ts.createSourceFile(name, text, languageVersion, false);
        sources.set(name, source);
        return source;
      };
      // Only the project's own modules (relative specifiers, `paths` aliases): a package's typings (@types/node, a test
      // framework) are most of a program's files (rimraf: 207 of 274 files, 3 MB of 3.2) and never declare a project class.
      const resolutions = ts.createModuleResolutionCache(host.getCurrentDirectory(), (name) => host.getCanonicalFileName(name), parsed.options);
      host.resolveModuleNameLiterals = (literals, containingFile, redirected, options, containingSource) =>
        literals.map((literal) => {
          const resolution = ts.resolveModuleName(literal.text, containingFile, options, host, resolutions, redirected, ts.getModeForUsageLocation(containingSource, literal, options));
          return resolution.resolvedModule?.isExternalLibraryImport ? { resolvedModule: undefined } : resolution;
        });
      // Without lib, `Partial<Options>` would be an error type and every property read through it `any` (tinyexec's
      // `this._options.stdin`): the homomorphic utility types are declared in a virtual file of their own.
      const utilityTypes = path.join(path.dirname(tsconfig), '__sleepmut_utility_types__.d.ts');
      texts.set(utilityTypes, utilityTypesText);
      projects.set(tsconfig, { ts, rootNames: [...parsed.fileNames, utilityTypes], options: parsed.options, host, texts });
    } catch {
      projects.set(tsconfig, null);
    }
  }
  return projects.get(tsconfig) ?? undefined;
}
