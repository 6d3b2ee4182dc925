/** What a name at a node refers to, from the project's facts: qualified names, library names, project definitions, and the types of receivers (`self.x` per class, plain names per function). */
import type { Node } from 'web-tree-sitter';
import { dottedName, enclosingScope, field, parameterName, present, type AsyncLibrary, type SleepLibrary } from '../syntax.js';
import { annotationName, constructorName, firstParameter, ownDescendants, resolveWith, type ModuleFacts } from './module.js';
import { moduleOf, projectOf, type Definition } from './project.js';

const LIBRARY_MODULES = new Set(['asyncio', 'anyio', 'trio', 'threading', 'time', 'concurrent', 'multiprocessing', 'subprocess', 'os', 'tenacity', 'backoff', 'random', 'math', 'queue', 'socket', 'selectors']);

export type SignalKind = 'Event' | 'Condition';

/** Library classes whose `wait()` waits for a signal; a Condition's wait also releases and re-acquires its lock. */
const SIGNAL_CLASSES: ReadonlyMap<string, SignalKind> = new Map([
  ...['asyncio', 'anyio', 'trio', 'threading'].map((library) => [`${library}.Event`, 'Event'] as const),
  ...['asyncio', 'anyio', 'trio', 'threading'].map((library) => [`${library}.Condition`, 'Condition'] as const),
]);

/** The qualified name a dotted name refers to (`aio.sleep` -> 'asyncio.sleep', a local `def f` -> '<module>.f'); undefined when unknown or shadowed by a parameter. */
export function qualifiedName(node: Node): string | undefined {
  const dotted = dottedName(node);
  if (dotted === undefined) return undefined;
  const resolved = resolveWith(moduleOf(node), dotted);
  if (resolved === undefined || isParameterOfEnclosingFunction(node, dotted.split('.')[0])) return undefined;
  // Library names are final; a project name may re-export one (`from .curio import sleep`, curio doing `from asyncio import sleep`).
  return LIBRARY_MODULES.has(resolved.split('.')[0]) ? resolved : projectOf(node.tree).canonical(resolved);
}

/** True when `name` is a parameter of a function around `node` (`def retry(sleep=asyncio.sleep)` shadows `from asyncio import sleep`). */
function isParameterOfEnclosingFunction(node: Node, name: string): boolean {
  for (let scope = enclosingScope(node); scope; scope = enclosingScope(scope)) {
    const parameters = scope.childForFieldName('parameters');
    if (parameters && present(parameters.namedChildren).some((parameter) => parameterName(parameter) === name)) return true;
  }
  return false;
}

/** True when `node` names something from asyncio, the standard library or a known third-party library, not project code. */
export function isLibraryName(node: Node): boolean {
  const qualified = qualifiedName(node);
  return qualified !== undefined && LIBRARY_MODULES.has(qualified.split('.')[0]);
}

/**
 * Whose sleep a replacement at `node` awaits: its module's library when the module imports one; in a module that
 * imports none (runtime-neutral code, e.g. protocol code handed its events by a backend), the project's: anyio when it
 * uses anyio, 'either' when it runs on both asyncio and trio, else the one it imports.
 */
export function sleepLibraryAt(node: Node): SleepLibrary {
  const module = moduleOf(node);
  if (module.runtimes.size > 0) return module.library;
  const runtimes = projectOf(node.tree).runtimes;
  if (runtimes.has('anyio')) return 'anyio';
  if (runtimes.has('trio')) return runtimes.has('asyncio') ? 'either' : 'trio';
  return 'asyncio';
}

export function moduleFacts(node: Node): ModuleFacts {
  return moduleOf(node);
}

/** The project function or method a callee denotes: `f`, `mod.f`, `self.m` / `cls.m` (through the class's project bases). */
export function calledDefinition(callee: Node): Definition | undefined {
  const project = projectOf(callee.tree);
  if (callee.type === 'attribute') {
    const owner = ownerClass(callee);
    if (owner && field(callee, 'object').text === owner.self) return project.method(owner.facts, moduleOf(callee), field(callee, 'attribute').text);
  }
  const qualified = qualifiedName(callee);
  return qualified === undefined ? undefined : project.definition(qualified);
}

/** Like `calledDefinition`, and also `R.m` where R's type is a project class (`self._event.wait_value` with `self._event = AsyncValue(0)`): that class's method. */
export function calledMethod(callee: Node): Definition | undefined {
  const direct = calledDefinition(callee);
  if (direct || callee.type !== 'attribute') return direct;
  const type = receiverType(field(callee, 'object'));
  const project = projectOf(callee.tree);
  const definition = type === undefined ? undefined : project.definition(type);
  const owner = definition?.node.type === 'class_definition' ? definition.module.classes.get(field(definition.node, 'name').text) : undefined;
  return owner && definition ? project.method(owner, definition.module, field(callee, 'attribute').text) : undefined;
}

/** The class whose method holds `node`, and the name its methods call the instance (`self`, `cls`). */
export function ownerClass(node: Node): { facts: NonNullable<ReturnType<ModuleFacts['classes']['get']>>; self: string } | undefined {
  const method = enclosingMethod(node);
  const classNode = method && enclosingScope(method);
  const self = method && firstParameter(method);
  if (!classNode || classNode.type !== 'class_definition' || !self) return undefined;
  const facts = moduleOf(node).classes.get(field(classNode, 'name').text);
  return facts?.node.equals(classNode) ? { facts, self } : undefined;
}

/** The outermost function around `node` that is directly a method (nested helper functions see the method's `self`). */
function enclosingMethod(node: Node): Node | undefined {
  for (let scope = enclosingScope(node); scope; scope = enclosingScope(scope)) {
    if (scope.type === 'class_definition') return undefined;
    const outer = enclosingScope(scope);
    if (scope.type === 'function_definition' && outer?.type === 'class_definition') return scope;
  }
  return undefined;
}

/** The qualified type of a receiver: `self.x` from its class (and project bases), a plain name from its function or the module. */
export function receiverType(receiver: Node, depth = 0): string | undefined {
  if (receiver.type === 'attribute') {
    const project = projectOf(receiver.tree);
    const owner = ownerClass(receiver);
    const object = field(receiver, 'object');
    const attribute = field(receiver, 'attribute').text;
    if (owner && object.text === owner.self) return project.fieldType(owner.facts, moduleOf(receiver), attribute);
    // `conn._ready` with `conn = Connection(...)` (or `conn: Connection`): the field of that project class.
    const objectType = depth < 4 ? receiverType(object, depth + 1) : undefined;
    const definition = objectType === undefined ? undefined : project.definition(objectType);
    const objectClass = definition?.node.type === 'class_definition' ? definition.module.classes.get(field(definition.node, 'name').text) : undefined;
    return objectClass && definition ? project.fieldType(objectClass, definition.module, attribute) : undefined;
  }
  if (receiver.type !== 'identifier') return undefined;
  const module = moduleOf(receiver);
  for (let scope = enclosingScope(receiver); scope; scope = enclosingScope(scope)) {
    if (scope.type !== 'function_definition') continue;
    const local = nameTypeIn(scope, receiver.text, module);
    if (local.bound) return local.type;
  }
  return nameTypeIn(module.root, receiver.text, module).type;
}

/** How `name` is bound in a function (parameters and assignments of its own body) or at module level: its one type, if it has one. */
function nameTypeIn(scope: Node, name: string, module: ModuleFacts): { bound: boolean; type: string | undefined } {
  const types = new Set<string | undefined>();
  if (scope.type === 'function_definition') {
    for (const parameter of present(field(scope, 'parameters').namedChildren)) {
      if (parameterName(parameter) === name) types.add(annotationName(parameter.childForFieldName('type')));
    }
  }
  const body = scope.type === 'function_definition' ? field(scope, 'body') : scope;
  for (const assignment of ownDescendants(body, 'assignment')) {
    if (field(assignment, 'left').text !== name) continue;
    types.add(annotationName(assignment.childForFieldName('type')) ?? constructorName(assignment.childForFieldName('right')));
  }
  const [only] = types;
  return { bound: types.size > 0, type: types.size === 1 ? resolveWith(module, only) : undefined };
}

/** Whether a receiver is a known Event or Condition (library classes, or project classes deriving from them). */
export function signalKind(receiver: Node): SignalKind | undefined {
  const type = receiverType(receiver);
  if (type === undefined) return undefined;
  const kinds = projectOf(receiver.tree).ancestry(type).map((name) => SIGNAL_CLASSES.get(name)).filter((kind) => kind !== undefined);
  return kinds[0];
}

/** The library of a receiver known to be a signal class: `asyncio`, `anyio`, `trio` or `threading`. */
export function signalLibrary(receiver: Node): AsyncLibrary | 'threading' | undefined {
  const type = receiverType(receiver);
  if (type === undefined) return undefined;
  const library = projectOf(receiver.tree).ancestry(type).find((name) => SIGNAL_CLASSES.has(name))?.split('.')[0];
  return library as AsyncLibrary | 'threading' | undefined;
}

/** The async library of a receiver bound to an asyncio/anyio/trio Event (`ready`, `self._ready`), if known. */
export function asyncEventLibrary(receiver: Node): AsyncLibrary | undefined {
  const library = signalKind(receiver) === 'Event' ? signalLibrary(receiver) : undefined;
  return library === 'threading' ? undefined : library;
}

/** Spells `module.name` the way the source spells its sibling `callee`: `t.wait_exponential` -> `t.wait_fixed`, an imported local name, or `__import__('module').name`. */
export function siblingSpelling(callee: Node, module: string, name: string): string {
  if (callee.type === 'attribute') return `${field(callee, 'object').text}.${name}`;
  const local = [...moduleOf(callee).imports].find(([, qualified]) => qualified === `${module}.${name}`)?.[0];
  return local ?? `__import__('${module}').${name}`;
}
