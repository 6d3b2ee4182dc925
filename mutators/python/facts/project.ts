/**
 * The project's timing facts: every module parsed once (by the caller) and registered here, names resolved across
 * modules (`from .clock import nap` -> the `nap` that module defines, through re-exports), and derived facts computed
 * once per project and cached: which functions compute delays, which sleep for a parameter, which return a started task.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { field } from '../syntax.js';
import { moduleNameOf, readModule, resolveWith, type ClassFacts, type ModuleFacts } from './module.js';

export interface ProjectFile {
  /** Path relative to the project root (forward slashes), e.g. `src/pkg/retry.py`. */
  readonly name: string;
  readonly tree: Tree;
}

/** A definition found by name: a module-level function or class, or a method (`owner` set). */
export interface Definition {
  readonly module: ModuleFacts;
  readonly node: Node;
  readonly owner?: ClassFacts;
}

export class Project {
  readonly modules: readonly ModuleFacts[];
  private readonly byName = new Map<string, ModuleFacts>();
  private readonly byTree = new WeakMap<Tree, ModuleFacts>();
  /** Derived facts, computed on first use (see delays.ts, tasks.ts): one cache slot per fact kind. */
  readonly derived = new Map<string, unknown>();

  constructor(files: readonly ProjectFile[]) {
    this.modules = files.map(({ name, tree }) => {
      const module = readModule(tree.rootNode, moduleNameOf(name), /(^|[\\/])__init__\.py$/.test(name));
      this.byName.set(module.name, module);
      this.byTree.set(tree, module);
      return module;
    });
  }

  /** The async libraries any module of the project imports. */
  get runtimes(): ReadonlySet<string> {
    return (this.allRuntimes ??= new Set(this.modules.flatMap((module) => [...module.runtimes])));
  }

  private allRuntimes: Set<string> | undefined;

  moduleOf(tree: Tree): ModuleFacts | undefined {
    return this.byTree.get(tree);
  }

  /** The module a dotted name denotes: exact, else the one whose name ends with it (`pkg.mod` finds `src.pkg.mod`). */
  findModule(dotted: string): ModuleFacts | undefined {
    const exact = this.byName.get(dotted);
    if (exact) return exact;
    if (!this.bySuffix.has(dotted)) {
      const matches = this.modules.filter((module) => module.name.endsWith(`.${dotted}`));
      this.bySuffix.set(dotted, matches.length === 1 ? matches[0] : undefined);
    }
    return this.bySuffix.get(dotted);
  }

  private readonly bySuffix = new Map<string, ModuleFacts | undefined>();

  /** The project definition a qualified name denotes (`pkg.retry.Backoff.__call__`), following re-exports; undefined for library names. */
  definition(qualified: string, depth = 0): Definition | undefined {
    if (depth > 5) return undefined;
    const parts = qualified.split('.');
    for (let split = parts.length - 1; split >= 0; split--) {
      const module = this.findModule(parts.slice(0, split).join('.'));
      if (!module) continue;
      const [name, member, ...rest] = parts.slice(split);
      if (rest.length > 0) return undefined;
      const definedClass = module.classes.get(name);
      if (definedClass) {
        if (member === undefined) return { module, node: definedClass.node };
        const method = this.method(definedClass, module, member);
        return method;
      }
      const definedFunction = module.functions.get(name);
      if (definedFunction) return member === undefined ? { module, node: definedFunction } : undefined;
      const reexported = module.imports.get(name);
      return reexported === undefined ? undefined : this.definition([reexported, ...(member === undefined ? [] : [member])].join('.'), depth + 1);
    }
    return undefined;
  }

  /** A method of a project class, looked up along its project base classes. */
  method(owner: ClassFacts, module: ModuleFacts, name: string, depth = 0): Definition | undefined {
    const own = owner.methods.get(name);
    if (own) return { module, node: own, owner };
    if (depth > 5) return undefined;
    for (const base of this.projectBases(owner, module)) {
      const found = this.method(base.owner!, base.module, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The type of `self.<name>` in `owner` (or one of its project bases), qualified; undefined when unknown or ambiguous. */
  fieldType(owner: ClassFacts, module: ModuleFacts, name: string, depth = 0): string | undefined {
    if (owner.fields.has(name)) return resolveWith(module, owner.fields.get(name));
    if (depth > 5) return undefined;
    for (const base of this.projectBases(owner, module)) {
      const found = this.fieldType(base.owner!, base.module, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * A qualified name with the project's re-exports of outside names followed: `pkg.curio.sleep`, where pkg/curio.py
   * does `from asyncio import sleep`, is `asyncio.sleep`. Names the project defines (or does not know) stay as they are.
   */
  canonical(qualified: string): string {
    let known = this.canonicalNames.get(qualified);
    if (known === undefined) this.canonicalNames.set(qualified, (known = this.followReexports(qualified, 0)));
    return known;
  }

  private readonly canonicalNames = new Map<string, string>();

  private followReexports(qualified: string, depth: number): string {
    const parts = qualified.split('.');
    for (let split = parts.length - 1; split >= 1 && depth <= 5; split--) {
      const module = this.findModule(parts.slice(0, split).join('.'));
      if (!module) continue;
      const [name, ...rest] = parts.slice(split);
      const imported = module.classes.has(name) || module.functions.has(name) ? undefined : module.imports.get(name);
      return imported === undefined ? qualified : this.followReexports([imported, ...rest].join('.'), depth + 1);
    }
    return qualified;
  }

  /** Every qualified name a class is known to derive from, itself first, through project classes to library classes. */
  ancestry(spelled: string, depth = 0): string[] {
    const qualified = this.canonical(spelled);
    const definition = depth > 5 ? undefined : this.definition(qualified);
    if (!definition || definition.node.type !== 'class_definition') return [qualified];
    const owner = definition.module.classes.get(field(definition.node, 'name').text);
    const bases = owner ? owner.bases.map((base) => resolveWith(definition.module, base) ?? base) : [];
    return [qualified, ...bases.flatMap((base) => this.ancestry(base, depth + 1))];
  }

  private projectBases(owner: ClassFacts, module: ModuleFacts): Definition[] {
    const bases: Definition[] = [];
    for (const base of owner.bases) {
      const resolved = resolveWith(module, base);
      const definition = resolved === undefined ? undefined : this.definition(resolved);
      const baseClass = definition?.node.type === 'class_definition' ? definition.module.classes.get(field(definition.node, 'name').text) : undefined;
      if (definition && baseClass) bases.push({ module: definition.module, node: baseClass.node, owner: baseClass });
    }
    return bases;
  }
}

const projectByTree = new WeakMap<Tree, Project>();

/** Registers the files of one run as a project: operators then see facts across all of them. */
export function registerProject(files: readonly ProjectFile[]): Project {
  const project = new Project(files);
  for (const file of files) projectByTree.set(file.tree, project);
  return project;
}

/** The project a tree belongs to; a tree never registered is a project of its own (one module without a name). */
export function projectOf(tree: Tree): Project {
  let project = projectByTree.get(tree);
  if (!project) {
    project = new Project([{ name: '', tree }]);
    projectByTree.set(tree, project);
  }
  return project;
}

/** The facts of the module holding `node`. */
export function moduleOf(node: Node): ModuleFacts {
  return projectOf(node.tree).moduleOf(node.tree)!;
}
