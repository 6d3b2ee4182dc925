/** One module's own facts, read from its syntax tree alone: what its imports bind, its classes (bases, typed fields, methods), its functions and variable types. */
import type { Node } from 'web-tree-sitter';
import { dottedName, field, parameterName, present, type AsyncLibrary } from '../syntax.js';

/** What a module binds: local name -> qualified name (`aio` -> `asyncio`, `sleep` -> `asyncio.sleep`; relative imports are made absolute when the module's name is known, else start with '.'). */
export type ImportTable = ReadonlyMap<string, string>;

export interface ClassFacts {
  /** Qualified name: `<module>.<Class>` (nested classes: `<module>.<Outer>.<Inner>`). */
  readonly qualified: string;
  readonly node: Node;
  /** Base classes as the module spells them (`Event`, `base.Strategy`): resolve them with `resolveWith`. */
  readonly bases: readonly string[];
  /** `self.x` / class attribute `x` -> the dotted type (as spelled) it is constructed from or annotated with; undefined when the class assigns two different types. */
  readonly fields: ReadonlyMap<string, string | undefined>;
  readonly methods: ReadonlyMap<string, Node>;
}

export interface ModuleFacts {
  /** Dotted module name (`pkg.sub.mod`, `pkg` for `pkg/__init__.py`); '' when the module stands alone. */
  readonly name: string;
  readonly root: Node;
  readonly imports: ImportTable;
  /** Module-level classes and functions by local name. */
  readonly classes: ReadonlyMap<string, ClassFacts>;
  readonly functions: ReadonlyMap<string, Node>;
  /** The async library whose sleep fits the module: anyio (runs on both backends) > trio > asyncio. */
  readonly library: AsyncLibrary;
  /** The async libraries the module imports (none: runtime-neutral code, or code that imports no runtime). */
  readonly runtimes: ReadonlySet<AsyncLibrary>;
}

/** `pkg/sub/mod.py` -> `pkg.sub.mod`, `pkg/__init__.py` -> `pkg`. */
export function moduleNameOf(file: string): string {
  const parts = file.replace(/\\/g, '/').replace(/\.py$/, '').split('/').filter((part) => part !== '' && part !== '.');
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.join('.');
}

export function readModule(root: Node, name: string, isPackage: boolean): ModuleFacts {
  const imports = importTable(root, name, isPackage);
  const classes = new Map<string, ClassFacts>();
  const functions = new Map<string, Node>();
  for (const definition of topLevelDefinitions(root)) {
    const local = field(definition, 'name').text;
    if (definition.type === 'class_definition') classes.set(local, readClass(definition, qualify(name, local)));
    else functions.set(local, definition);
  }
  return { name, root, imports, classes, functions, library: moduleLibrary(imports), runtimes: moduleRuntimes(imports) };
}

function qualify(module: string, local: string): string {
  return module === '' ? local : `${module}.${local}`;
}

const BRANCHES = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'block']);

/** Class and function definitions directly in `block` (decorated ones too, and those under a top-level `if`/`else` or `try`, such as version switches; a later one wins). */
export function topLevelDefinitions(block: Node): Node[] {
  return present(block.namedChildren).flatMap((statement): Node[] => {
    if (statement.type === 'decorated_definition') return [field(statement, 'definition')];
    if (statement.type === 'class_definition' || statement.type === 'function_definition') return [statement];
    return BRANCHES.has(statement.type) ? topLevelDefinitions(statement) : [];
  });
}

// Imports.

function importTable(root: Node, moduleName: string, isPackage: boolean): Map<string, string> {
  const table = new Map<string, string>();
  // Every import statement counts, `if TYPE_CHECKING:` ones included: they name the types annotations use.
  for (const statement of present(root.descendantsOfType(['import_statement', 'import_from_statement']))) {
    const from = statement.type === 'import_from_statement' ? absoluteModule(field(statement, 'module_name').text, moduleName, isPackage) : undefined;
    for (const imported of present(statement.childrenForFieldName('name'))) {
      const [local, qualified] = importBinding(imported, from);
      table.set(local, qualified);
    }
  }
  return table;
}

/** `.x` in `pkg.mod` -> `pkg.x`; kept relative when the module's own name is unknown. */
function absoluteModule(from: string, moduleName: string, isPackage: boolean): string {
  const dots = /^\.*/.exec(from)![0].length;
  if (dots === 0 || moduleName === '') return from;
  const packageParts = moduleName.split('.').slice(0, isPackage ? undefined : -1);
  const base = packageParts.slice(0, packageParts.length - (dots - 1));
  const rest = from.slice(dots);
  return [...base, ...(rest ? [rest] : [])].join('.') + (rest ? '' : '.');
}

/** `import a.b` binds a -> a; `import a.b as c` binds c -> a.b; `from m import x as y` binds y -> m.x. */
function importBinding(imported: Node, from: string | undefined): [string, string] {
  const name = imported.type === 'aliased_import' ? field(imported, 'name').text : imported.text;
  const alias = imported.type === 'aliased_import' ? field(imported, 'alias').text : undefined;
  if (from !== undefined) return [alias ?? name, from.endsWith('.') ? from + name : `${from}.${name}`];
  return alias === undefined ? [name.split('.')[0], name.split('.')[0]] : [alias, name];
}

function moduleRuntimes(imports: ImportTable): Set<AsyncLibrary> {
  return new Set([...imports.values()].map((qualified) => qualified.split('.')[0]).filter((name): name is AsyncLibrary => ['asyncio', 'anyio', 'trio'].includes(name)));
}

function moduleLibrary(imports: ImportTable): AsyncLibrary {
  const modules = new Set([...imports.values()].map((qualified) => qualified.split('.')[0]));
  if (modules.has('anyio')) return 'anyio';
  return modules.has('trio') ? 'trio' : 'asyncio';
}

/** A dotted name resolved through the module's imports (`aio.Event` -> `asyncio.Event`) or to its own module-level class or function. */
export function resolveWith(module: ModuleFacts, dotted: string | undefined): string | undefined {
  if (dotted === undefined) return undefined;
  const [head, ...rest] = dotted.split('.');
  const imported = module.imports.get(head);
  if (imported !== undefined) return [imported, ...rest].join('.');
  return module.classes.has(head) || module.functions.has(head) ? qualify(module.name, dotted) : undefined;
}

// Types.

/** The type an annotation names: `asyncio.Event`, `"threading.Event"`, `Optional[Event]`, `Event | None`. */
export function annotationName(type: Node | null): string | undefined {
  const expression = type?.type === 'type' ? type.firstNamedChild : type;
  if (!expression) return undefined;
  if (expression.type === 'string') {
    const content = present(expression.namedChildren).find((child) => child.type === 'string_content')?.text.trim();
    return content && /^[A-Za-z_][\w.]*$/.test(content) ? content : undefined;
  }
  if (expression.type === 'binary_operator') {
    const sides = [field(expression, 'left'), field(expression, 'right')].filter((side) => side.text !== 'None');
    return sides.length === 1 ? annotationName(sides[0]) : undefined;
  }
  if (expression.type === 'generic_type' || expression.type === 'subscript') {
    const [head, argument] = present(expression.namedChildren);
    return head && /(^|\.)Optional$/.test(head.text) && argument ? annotationName(argument.type === 'type_parameter' ? argument.firstNamedChild : argument) : undefined;
  }
  return dottedName(expression);
}

/** The dotted type a value is built from: `asyncio.Event()`, `Event(loop)`; undefined for anything else. */
export function constructorName(value: Node | null): string | undefined {
  return value?.type === 'call' ? dottedName(field(value, 'function')) : undefined;
}

// Classes.

function readClass(definition: Node, qualified: string): ClassFacts {
  const superclasses = definition.childForFieldName('superclasses');
  const bases = present(superclasses?.namedChildren ?? []).filter((base) => base.type !== 'keyword_argument');
  const methods = new Map(topLevelDefinitions(field(definition, 'body')).filter((member) => member.type === 'function_definition').map((method) => [field(method, 'name').text, method] as const));
  let fields: Map<string, string | undefined> | undefined;
  // Fields are read on first use: most classes are never asked about.
  const readFields = () => {
    const found = new Map<string, string | undefined>();
    const record = (name: string, type: string | undefined) => {
      if (type !== undefined) found.set(name, found.has(name) && found.get(name) !== type ? undefined : type);
    };
    for (const [name, type] of classBodyFields(field(definition, 'body'))) record(name, type);
    for (const method of methods.values()) for (const [name, type] of selfFields(method)) record(name, type);
    return found;
  };
  return {
    qualified,
    node: definition,
    bases: bases.map((base) => dottedName(base) ?? base.text),
    get fields() {
      return (fields ??= readFields());
    },
    methods,
  };
}

/** `x: T` and `x = T()` directly in the class body. */
function* classBodyFields(body: Node): Generator<[string, string | undefined]> {
  for (const statement of present(body.namedChildren)) {
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : null;
    if (assignment?.type !== 'assignment') continue;
    const target = field(assignment, 'left');
    if (target.type === 'identifier') yield [target.text, annotationName(assignment.childForFieldName('type')) ?? constructorName(assignment.childForFieldName('right'))];
  }
}

/** `self.x = T(...)`, `self.x: T = ...` and `self.x = param` with `param: T`, inside one method (nested functions excluded). */
function* selfFields(method: Node): Generator<[string, string | undefined]> {
  const self = firstParameter(method);
  if (!self) return;
  const parameterTypes = new Map(present(field(method, 'parameters').namedChildren).map((parameter) => [parameterName(parameter), annotationName(parameter.childForFieldName('type'))] as const));
  for (const assignment of ownDescendants(field(method, 'body'), 'assignment')) {
    const target = field(assignment, 'left');
    if (target.type !== 'attribute' || field(target, 'object').text !== self) continue;
    const value = assignment.childForFieldName('right');
    const fromParameter = value?.type === 'identifier' ? parameterTypes.get(value.text) : undefined;
    yield [field(target, 'attribute').text, annotationName(assignment.childForFieldName('type')) ?? constructorName(value) ?? fromParameter];
  }
}

export function firstParameter(method: Node): string | undefined {
  const first = present(field(method, 'parameters').namedChildren)[0];
  return first ? parameterName(first) : undefined;
}

/** Descendants of `node` of `type` that belong to the same function (not inside a nested def, lambda or class). */
export function ownDescendants(node: Node, type: string | string[]): Node[] {
  const types = Array.isArray(type) ? type : [type];
  const found: Node[] = [];
  const visit = (current: Node) => {
    for (const child of present(current.namedChildren)) {
      if (types.includes(child.type)) found.push(child);
      if (!['function_definition', 'lambda', 'class_definition'].includes(child.type)) visit(child);
    }
  };
  visit(node);
  return found;
}
