/** The project facts seen from a site in the file being mutated: resolves callees, receivers and stored promises through Babel scopes, then asks `timing.ts`. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { isFunction, typeReferenceName } from '../ast.js';
import { moduleInfo, type ModuleInfo } from './module-info.js';
import { classNamed, classReturnedBy, factOfExport, factOfExpression, factOfName, factOfField, factOfFunction, factOfMember, importedModule, memberName, thenableFact, type TimingFact } from './timing.js';
import { promisifiedBuiltin, pathLookup } from './primitives.js';
import { asWritten, noteWrittenCode } from './parser.js';
import { typedClassOf, typedMemberFact } from './typed.js';

/** The mutated file's own module facts. */
export function moduleOf(path: NodePath): ModuleInfo {
  const hub = path.hub as unknown as { file?: { opts?: { filename?: string }; code?: string } } | undefined;
  const program = path.scope.getProgramParent().path.node as t.Program;
  const file = hub?.file?.opts?.filename ?? '';
  noteWrittenCode(program, hub?.file?.code, file);
  return moduleInfo(program, file);
}

/** `node` (a function, class or declarator of the file at `path`) as the file's text has it, not as instrumented so far. */
export function asWrittenAt<T extends t.Function | t.Class | t.VariableDeclarator>(path: NodePath, node: T): T {
  return asWritten(node, moduleOf(path).program);
}

/** The class whose `this` code at `path` sees: the class of the nearest non-arrow function (or field initializer). */
export function enclosingClass(path: NodePath): t.Class | undefined {
  for (let current: NodePath | null = path.parentPath; current; current = current.parentPath) {
    const { node } = current;
    if (node.type === 'ClassBody') return current.parentPath?.node as t.Class;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ObjectMethod') return undefined;
  }
  return undefined;
}

/** The timing fact of the value of the expression at `path`: a call of a project helper, a stored promise, a field. */
export function factAt(path: NodePath, depth = 0): TimingFact | undefined {
  const { node } = path;
  if (depth > 4) return undefined;
  if (node.type === 'CallExpression') return callFact(path as NodePath<t.CallExpression>);
  if (node.type === 'NewExpression') return asFact(factOfExpression(node, { module: moduleOf(path), cls: enclosingClass(path), lookup: pathLookup(path) }));
  if (node.type === 'Identifier') return storedFact(path, node.name, depth) ?? instanceFact(path);
  if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
    const cls = enclosingClass(path);
    const name = memberName(node);
    const field = cls && name ? factOfField(cls, name, moduleOf(path)) : undefined;
    return field ?? instanceFact(path);
  }
  if (node.type === 'MemberExpression') return instanceFact(path);
  return undefined;
}

/**
 * `await proc` where `proc` is an instance of a project thenable class (`thenableFact`): its class from syntax (`new C()`
 * in view, a `C` annotation) or, in TypeScript, from the checker (`this._options.stdin` typed `ExecProcess` through
 * `Partial<Options>`: tinyexec).
 */
function instanceFact(path: NodePath): TimingFact | undefined {
  const module = moduleOf(path);
  const instance = receiverClass(path, module) ?? (mayBeProjectObject(path, path.node, module) ? typedClassOf(path, module) : undefined);
  return instance ? thenableFact(instance.cls, instance.module) : undefined;
}

const asFact = (fact: TimingFact | 'trivial' | undefined): TimingFact | undefined => (fact === 'trivial' ? undefined : fact);

/** `const p = delay(ms); ...; await p`: a constant (or never reassigned) variable holding a timing promise. */
function storedFact(path: NodePath, name: string, depth: number): TimingFact | undefined {
  const binding = path.scope.getBinding(name);
  if (!binding?.constant || binding.path.node.type !== 'VariableDeclarator' || binding.path.node.id.type !== 'Identifier') return undefined;
  const init = binding.path.get('init') as NodePath;
  return init.node ? factAt(init, depth + 1) : undefined;
}

/** What a call at `path` returns, its callee resolved through scopes (locals, imports), `this`, and the receiver's class. */
export function callFact(path: NodePath<t.CallExpression>): TimingFact | undefined {
  const { callee } = path.node;
  const module = moduleOf(path);
  const viaCallee = callee.type === 'Identifier' ? boundFunctionFact(path, callee.name, module) : callee.type === 'MemberExpression' ? memberCallFact(path, callee, module) : undefined;
  const fact = viaCallee ?? asFact(factOfExpression(path.node, { module, cls: enclosingClass(path), lookup: pathLookup(path) }));
  if (fact?.kind === 'sleep' && 'param' in fact.duration) {
    // Seen from the call site, the duration is the argument itself.
    const argument = path.node.arguments[fact.duration.param];
    return argument && argument.type !== 'SpreadElement' ? { kind: 'sleep', duration: { inside: argument } } : undefined;
  }
  return fact;
}

/** `helper(...)` where `helper` is a function, an arrow or a promisified builtin bound in scope, or an import. */
function boundFunctionFact(path: NodePath, name: string, module: ModuleInfo): TimingFact | undefined {
  const binding = path.scope.getBinding(name);
  if (!binding) return undefined;
  if (binding.kind === 'module') {
    const origin = module.imports.get(name);
    const target = origin && origin.imported !== '*' ? importedModule(module, origin.source) : undefined;
    return target ? factOfExport(target, origin!.imported) : undefined;
  }
  const declaration = binding.path.node;
  const cls = enclosingClass(binding.path);
  if (declaration.type === 'FunctionDeclaration') return factOfFunction(declaration, { module, cls });
  // A module-level name the top-level scan knows (e.g. destructured from a project object: `const { lstat } = promises`).
  if (binding.scope.path.isProgram() && binding.constant && declaration.type === 'VariableDeclarator' && declaration.id.type !== 'Identifier') return factOfName(module, name);
  if (declaration.type !== 'VariableDeclarator' || !binding.constant || !declaration.init) return undefined;
  const builtin = promisifiedBuiltin(declaration.init, pathLookup(binding.path));
  if (builtin) return { kind: 'offload', builtin };
  return isFunction(declaration.init) ? factOfFunction(declaration.init, { module, cls }) : undefined;
}

/** `this.m()`, `this.#m()`, `ns.helper()` (namespace import), `x.m()` with x of a project class (constructed, annotated, or typed). */
function memberCallFact(path: NodePath<t.CallExpression>, callee: t.MemberExpression, module: ModuleInfo): TimingFact | undefined {
  const name = memberName(callee);
  if (!name) return undefined;
  const { object } = callee;
  if (object.type === 'ThisExpression') {
    const cls = enclosingClass(path);
    return cls ? factOfMember(cls, name, module) : undefined;
  }
  if (object.type === 'Identifier') {
    const binding = path.scope.getBinding(object.name);
    // `import * as ns from './x.js'`, `const fs = require('../fs')`: a whole project module.
    if (binding?.kind === 'module' || (binding?.constant && binding.scope.path.isProgram())) {
      const origin = module.imports.get(object.name);
      const target = origin?.imported === '*' ? importedModule(module, origin.source) : undefined;
      if (target) return factOfExport(target, name);
    }
  }
  const receiver = receiverClass(path.get('callee.object') as NodePath, module);
  if (receiver) return factOfMember(receiver.cls, name, receiver.module);
  return mayBeProjectObject(path, object, module) ? typedMemberFact(path, module) : undefined;
}

/**
 * Worth asking the checker: a receiver rooted in a local binding or `this`, not a global (`Promise.all`, `console`) nor a
 * package or builtin import (`fs.promises`, `axios`), whose classes are not the project's.
 */
function mayBeProjectObject(path: NodePath, object: t.Node, module: ModuleInfo): boolean {
  let root = object;
  while (root.type === 'MemberExpression' || root.type === 'CallExpression') root = root.type === 'MemberExpression' ? root.object : root.callee;
  if (root.type === 'ThisExpression') return true;
  if (root.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(root.name);
  if (!binding) return false;
  const origin = module.imports.get(root.name);
  return !origin || origin.source.startsWith('.');
}

/** The project class of a receiver, from syntax: `new C()` in view, or a type annotation naming C. */
function receiverClass(path: NodePath, module: ModuleInfo): { cls: t.Class; module: ModuleInfo } | undefined {
  const { node } = path;
  const className = (type: t.Node | null | undefined): string | undefined => typeReferenceName(type?.type === 'TSTypeAnnotation' ? type.typeAnnotation : undefined);
  let name: string | undefined;
  if (node.type === 'Identifier') {
    const binding = path.scope.getBinding(node.name);
    const declaration = binding?.path.node;
    if (declaration?.type === 'VariableDeclarator') {
      name = constructed(declaration.init) ?? className((declaration.id as t.Identifier).typeAnnotation as t.Node);
      if (!name && binding?.constant) return factoryClass(declaration.init, binding.path, module);
    } else if (binding?.kind === 'param') {
      name = className((binding.identifier as t.Identifier).typeAnnotation as t.Node);
    }
  } else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') {
    const cls = enclosingClass(path);
    const field = memberName(node);
    name = cls && field ? fieldClass(cls, field, className) : undefined;
  }
  return name ? classNamed(module, name) : undefined;
}

/** `makePool()`, `await makeDelay(o)`: a call of a module-level project function whose declared return type names the class. */
function factoryClass(init: t.Node | null | undefined, path: NodePath, module: ModuleInfo): { cls: t.Class; module: ModuleInfo } | undefined {
  const awaited = init?.type === 'AwaitExpression';
  const made = awaited ? init.argument : init;
  if (made?.type !== 'CallExpression' || made.callee.type !== 'Identifier') return undefined;
  const callee = path.scope.getBinding(made.callee.name);
  return callee?.scope.path.isProgram() ? classReturnedBy(module, made.callee.name, awaited) : undefined;
}

const constructed = (node: t.Node | null | undefined): string | undefined =>
  node?.type === 'NewExpression' && node.callee.type === 'Identifier' ? node.callee.name : undefined;

/** `field: C;`, `constructor(private field: C)`, `this.field = new C()` in the constructor. */
function fieldClass(cls: t.Class, field: string, className: (type: t.Node | null | undefined) => string | undefined): string | undefined {
  for (const element of cls.body.body) {
    if (element.type === 'ClassProperty' && element.key.type === 'Identifier' && element.key.name === field) {
      return constructed(element.value) ?? className(element.typeAnnotation as t.Node);
    }
    if (element.type === 'ClassMethod' && element.kind === 'constructor') {
      for (const param of element.params) {
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === field) return className(param.parameter.typeAnnotation as t.Node);
      }
      for (const statement of element.body.body) {
        const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
        if (expression?.type === 'AssignmentExpression' && expression.left.type === 'MemberExpression' && expression.left.object.type === 'ThisExpression' && memberName(expression.left) === field) {
          const name = constructed(expression.right);
          if (name) return name;
        }
      }
    }
  }
  return undefined;
}
