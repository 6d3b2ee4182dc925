/**
 * Deferreds kept in a class: `this.closed = new Promise(r => { this.resolveClose = r; })`, resolved only by a listener
 * (`handle.once('close', this.onClose)` with `onClose = () => { this.resolveClose?.(); }`, tinyexec). Awaiting the field
 * waits for the event. Syntax only (JS files too): the class body is the whole evidence.
 */
import type * as t from '@babel/types';
import { isFunction } from '../ast.js';
import { isArgumentOf, isListenerCall, listenerMethods, removalMethods, walkFunctions } from './primitives.js';

/** `new Promise(r => { this.<field> = r; })`: the field the resolver is kept in. */
export function deferredResolverField(node: t.Node): string | undefined {
  if (node.type !== 'NewExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'Promise') return undefined;
  const executor = node.arguments[0];
  if (executor?.type !== 'ArrowFunctionExpression' && executor?.type !== 'FunctionExpression') return undefined;
  const resolver = executor.params[0];
  const body = executor.body.type === 'BlockStatement' && executor.body.body.length === 1 && executor.body.body[0].type === 'ExpressionStatement' ? executor.body.body[0].expression : executor.body;
  if (resolver?.type !== 'Identifier' || body.type !== 'AssignmentExpression' || body.operator !== '=' || body.right.type !== 'Identifier' || body.right.name !== resolver.name) return undefined;
  return thisMember(body.left);
}

/** `this.x`, `this.#x`: 'x' / '#x'. */
function thisMember(node: t.Node): string | undefined {
  if ((node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') || node.object.type !== 'ThisExpression') return undefined;
  if (node.property.type === 'PrivateName') return `#${node.property.id.name}`;
  return !node.computed && node.property.type === 'Identifier' ? node.property.name : undefined;
}

/** The class member a function is: `onClose = () => {...}`, `onClose() {...}`. */
function memberNames(cls: t.Class): Map<t.Node, string> {
  const names = new Map<t.Node, string>();
  for (const element of cls.body.body) {
    const key = 'key' in element ? element.key : undefined;
    const name = key?.type === 'Identifier' ? key.name : key?.type === 'PrivateName' ? `#${key.id.name}` : undefined;
    if (!name) continue;
    if (element.type === 'ClassMethod' || element.type === 'ClassPrivateMethod') names.set(element, name);
    if ((element.type === 'ClassProperty' || element.type === 'ClassPrivateProperty') && element.value && isFunction(element.value)) names.set(element.value, name);
  }
  return names;
}

/**
 * Every call of `this.<resolver>()` in the class runs in a listener: an inline handler, or a member only ever registered
 * as one (`x.once('close', this.onClose)`), called or removed; the resolver field is otherwise only set by deferreds or tested.
 */
export function resolvedByClassListeners(cls: t.Class, resolver: string): boolean {
  const members = memberNames(cls);
  const names = new Set(members.values());
  const inlineHandlers = new Set<t.Node>();
  const callers = new Set<t.Node>();
  const registered = new Set<string>();
  const misused = new Set<string>();
  let escapes = false;
  walkFunctions(cls.body, [cls], (child, parent, enclosing) => {
    if (isFunction(child) && isListenerCall(parent, listenerMethods) && isArgumentOf(parent, child)) inlineHandlers.add(child);
    const name = thisMember(child);
    if (!name || (parent.type === 'MemberExpression' && parent.object === child)) return;
    if (name === resolver) {
      const called = (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === child;
      const resolverParam = 'params' in enclosing ? enclosing.params[0] : undefined;
      const assigned = parent.type === 'AssignmentExpression' && parent.left === child && parent.right.type === 'Identifier' && resolverParam?.type === 'Identifier' && parent.right.name === resolverParam.name;
      const tested = parent.type === 'IfStatement' || parent.type === 'LogicalExpression' || parent.type === 'UnaryExpression';
      if (called) callers.add(enclosing);
      else if (!assigned && !tested) escapes = true;
      return;
    }
    if (!names.has(name)) return;
    if (isListenerCall(parent, listenerMethods) && isArgumentOf(parent, child)) registered.add(name);
    else if (!(parent.type === 'CallExpression' && parent.callee === child) && !isListenerCall(parent, removalMethods)) misused.add(name);
  });
  if (escapes || !callers.size) return false;
  return [...callers].every((fn) => {
    const name = members.get(fn);
    return inlineHandlers.has(fn) || (name !== undefined && registered.has(name) && !misused.has(name));
  });
}
