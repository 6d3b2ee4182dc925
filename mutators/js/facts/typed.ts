/**
 * The one fact that needs types: the class of a receiver that syntax cannot see (`const d = await makeDelay(o);
 * await d.apply()`, `this.pool.drained()` with an inferred field type). Answered by the TypeScript checker (ts-morph),
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
import { parseModuleFile } from './parser.js';
import { factOfMember, type TimingFact } from './timing.js';
import { nearestTsconfig } from './tsconfig.js';

/**
 * The few ts-morph calls used here, typed locally: ts-morph is loaded at run time only (a missing install leaves typed
 * facts unknown instead of failing), and compiling sleepmut does not need its types.
 */
interface MorphNode {
  getSymbol(): { getDeclarations(): MorphNode[] } | undefined;
  getParent(): MorphNode | undefined;
  getSourceFile(): { getFilePath(): string };
  getText(): string;
  getName?: () => string | undefined;
}
interface MorphSourceFile {
  getDescendantAtPos(offset: number): MorphNode | undefined;
  getFullText(): string;
  replaceWithText(text: string): unknown;
}
interface MorphProject {
  getSourceFile(file: string): MorphSourceFile | undefined;
  addSourceFileAtPath(file: string): MorphSourceFile;
  resolveSourceFileDependencies(): unknown;
}
type MorphProjectClass = new (options: {
  tsConfigFilePath: string;
  skipAddingFilesFromTsConfig: boolean;
  skipFileDependencyResolution: boolean;
  skipLoadingLibFiles: boolean;
  compilerOptions: { noLib: boolean; types: string[] };
}) => MorphProject;

const typescriptFile = /\.[cm]?tsx?$/;
const projects = new Map<string, MorphProject | null>();
const answers = new Map<string, TimingFact | null>();

export function typedMemberFact(path: NodePath<t.CallExpression>, module: ModuleInfo): TimingFact | undefined {
  const callee = path.node.callee;
  if (callee.type !== 'MemberExpression' || callee.property.start == null || !typescriptFile.test(module.file) || !existsSync(module.file)) return undefined;
  const code = (path.hub as unknown as { file?: { code?: string } } | undefined)?.file?.code;
  const key = `${module.file}:${callee.property.start}:${code?.length}`;
  if (!answers.has(key)) answers.set(key, ask(module.file, callee.property.start, code) ?? null);
  return answers.get(key) ?? undefined;
}

/** `code`: the text being mutated, which the checker must see (it is the file on disk in a Stryker run). */
function ask(file: string, offset: number, code: string | undefined): TimingFact | undefined {
  const project = projectFor(file);
  if (!project) return undefined;
  try {
    let source = project.getSourceFile(file);
    if (!source) {
      source = project.addSourceFileAtPath(file);
      project.resolveSourceFileDependencies();
    }
    if (code !== undefined && source.getFullText() !== code) source.replaceWithText(code);
    const declaration = source.getDescendantAtPos(offset)?.getSymbol()?.getDeclarations()[0];
    const className = declaration?.getParent()?.getName?.();
    const declaringFile = declaration?.getSourceFile().getFilePath();
    if (!declaration || !className || !declaringFile || declaringFile.endsWith('.d.ts') || declaringFile.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
    const ast = parseModuleFile(declaringFile);
    const declaringModule = ast && moduleInfo(ast.program, declaringFile);
    const cls = declaringModule?.declarations.get(className);
    const memberName = source.getDescendantAtPos(offset)?.getText();
    if (!declaringModule || !memberName || (cls?.type !== 'ClassDeclaration' && cls?.type !== 'ClassExpression')) return undefined;
    return factOfMember(cls, memberName, declaringModule);
  } catch {
    return undefined;
  }
}

/** The project of the nearest tsconfig.json, created on first use (ts-morph itself is loaded only then). */
function projectFor(file: string): MorphProject | undefined {
  const tsconfig = nearestTsconfig(path.dirname(file));
  if (!tsconfig) return undefined;
  if (!projects.has(tsconfig)) {
    try {
      const { Project } = createRequire(import.meta.url)('ts-morph') as { Project: MorphProjectClass };
      // The whole program of the tsconfig at once: one checker for the run (adding files one by one rebuilt it per file).
      // No lib and no @types: the question is which project class declares a member, not what the standard library types
      // are; loading them made the checker's setup cost more than the answers (about a second per program).
      projects.set(tsconfig, new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: false, skipFileDependencyResolution: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true, types: [] } }));
    } catch {
      projects.set(tsconfig, null);
    }
  }
  return projects.get(tsconfig) ?? undefined;
}
