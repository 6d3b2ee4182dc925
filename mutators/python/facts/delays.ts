/**
 * Which values are delays, from the project's facts: a value is a delay where it flows into a sleep or timer (directly,
 * through arithmetic, a local variable, or a project function's parameter that reaches one), into a delay-like name or
 * keyword, or out of a function that computes delays. A function computes delays when its name says so (delay, backoff,
 * jitter, wait_*, expo...), when it is `__call__` of a delay strategy class (`wait_*`, `*Backoff`, or a subclass of
 * one), or when its callers anywhere in the project use its result as a delay. Computed on demand, cached per project.
 */
import type { Node } from 'web-tree-sitter';
import { ancestorsInScope, dottedName, enclosingScope, field, lastSegment, parameterName, present } from '../syntax.js';
import { ownDescendants } from './module.js';
import { calledDefinition, ownerClass, qualifiedName } from './names.js';
import { moduleOf, projectOf, type Definition, type Project } from './project.js';

const DELAY_WORDS = /delay|backoff|wait|interval|timeout|sleep|pause|cooldown|timer|call_later|jitter/i;
/** Function names that compute delays without a delay word: exponential/fibonacci generators (by their first word: not `calculate_exponential_multiplier`) and jitter helpers. */
const DELAY_FUNCTION_WORDS = /^_*(expo|exponential|fibo|fibonacci|decorrelated)(_|$)|jitter/i;
const RETRY_WORDS = /attempt|retr|tries/i;
/** Calls whose result carries their argument on: the delay context is decided where the call's value goes. */
const PASS_THROUGH = new Set(['min', 'max', 'round', 'int', 'float', 'abs', 'random.uniform']);
/** Methods of a strategy object whose return value is the next delay. */
const STRATEGY_METHODS = new Set(['__call__', 'compute', 'next_delay', 'get_delay']);

/** True when the value computed at `node` is a delay: decided by where it flows, else by an enclosing retry loop. */
export function inDelayContext(node: Node): boolean {
  return delaySink(node) ?? inRetryLoop(node);
}

/** True when a dotted name reads like a delay (`delay`, `self._backoff`, `jitter`). */
export function isDelayWord(name: string): boolean {
  return DELAY_WORDS.test(lastSegment(name));
}

/** Follows the value up through arithmetic and pass-through calls to its sink; undefined when the sink says nothing. */
function delaySink(node: Node, seen = new Set<string>()): boolean | undefined {
  let value = node;
  for (let parent = value.parent; parent; value = parent, parent = value.parent) {
    if (['parenthesized_expression', 'binary_operator', 'unary_operator', 'conditional_expression'].includes(parent.type)) continue;
    if (parent.type === 'keyword_argument') return isDelayWord(field(parent, 'name').text) || (calleeParameterIsDelay(parent.parent!.parent!, field(parent, 'name').text, seen) ?? false);
    if (parent.type === 'assignment' || parent.type === 'augmented_assignment') return isDelayTarget(field(parent, 'left'), seen);
    if (parent.type === 'return_statement' || parent.type === 'yield') return enclosingFunctionComputesDelay(parent);
    if (parent.type !== 'argument_list') return undefined;
    const call = parent.parent!;
    const callee = calleeName(call);
    if (isDelayWord(callee)) return true;
    if (PASS_THROUGH.has(callee)) {
      parent = call;
      continue;
    }
    const position = present(parent.namedChildren).findIndex((argument) => argument.equals(value));
    return calleeParameterIsDelay(call, position, seen);
  }
  return undefined;
}

function calleeName(call: Node): string {
  const callee = field(call, 'function');
  return qualifiedName(callee) ?? dottedName(callee) ?? '';
}

/** A delay-like name, or a plain name whose later uses in the same function reach a delay sink. */
function isDelayTarget(target: Node, seen: Set<string>): boolean {
  const name = dottedName(target);
  if (name === undefined) return false;
  if (isDelayWord(name)) return true;
  const scope = enclosingScope(target);
  const key = `${scope?.startIndex ?? -1}:${name}`;
  if (target.type !== 'identifier' || !scope || seen.has(key)) return false;
  seen.add(key);
  return ownDescendants(field(scope, 'body'), 'identifier').some((use) => use.text === name && !use.equals(target) && !isAssignedAt(use) && delaySink(use, seen) === true);
}

function isAssignedAt(identifier: Node): boolean {
  const parent = identifier.parent;
  return (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && field(parent, 'left').equals(identifier);
}

/** Whether the project function called at `call` uses the parameter at `argument` (a position or keyword) as a delay; undefined when the callee is not project code. */
function calleeParameterIsDelay(call: Node, argument: number | string, seen: Set<string>): boolean | undefined {
  if (call.type !== 'call') return undefined;
  const definition = calledDefinition(field(call, 'function'));
  if (!definition || definition.node.type !== 'function_definition') return undefined;
  const parameters = present(field(definition.node, 'parameters').namedChildren).map(parameterName);
  const offset = definition.owner && field(call, 'function').type === 'attribute' ? 1 : 0;
  const name = typeof argument === 'string' ? argument : parameters[argument + offset];
  if (name === undefined || !parameters.includes(name)) return undefined;
  if (isDelayWord(name)) return true;
  const key = `param:${moduleOf(definition.node).name}:${definition.node.startIndex}:${name}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return ownDescendants(field(definition.node, 'body'), 'identifier').some((use) => use.text === name && !isAssignedAt(use) && delaySink(use, seen) === true);
}

// Functions that compute delays.

function enclosingFunctionComputesDelay(statement: Node): boolean {
  const scope = enclosingScope(statement);
  return scope?.type === 'function_definition' && computesDelay(scope);
}

/** True when the function's return (or yielded) values are delays. */
export function computesDelay(definition: Node): boolean {
  const project = projectOf(definition.tree);
  const cache = cacheOf(project);
  const key = `${moduleOf(definition).name}:${definition.startIndex}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  cache.set(key, false);
  const verdict = namedLikeDelay(definition) || isStrategyMethod(definition) || resultUsedAsDelay(project, definition);
  cache.set(key, verdict);
  return verdict;
}

function cacheOf(project: Project): Map<string, boolean> {
  let cache = project.derived.get('computesDelay') as Map<string, boolean> | undefined;
  if (!cache) project.derived.set('computesDelay', (cache = new Map()));
  return cache;
}

function namedLikeDelay(definition: Node): boolean {
  const name = field(definition, 'name').text;
  return isDelayWord(name) || DELAY_FUNCTION_WORDS.test(name);
}

/** `__call__` (or compute/next_delay) of a class named like a delay strategy, or deriving from one. */
function isStrategyMethod(definition: Node): boolean {
  if (!STRATEGY_METHODS.has(field(definition, 'name').text)) return false;
  const owner = ownerClass(field(definition, 'body'));
  if (!owner) return false;
  return projectOf(definition.tree).ancestry(owner.facts.qualified).some((name) => isDelayWord(name) || DELAY_FUNCTION_WORDS.test(lastSegment(name)));
}

/** Some call of the function in the project feeds its result into a delay sink. */
function resultUsedAsDelay(project: Project, definition: Node): boolean {
  return callsOf(project, definition).some((call) => delaySink(call) === true);
}

/** Every call in the project that resolves to `definition` (the project's call index is built once). */
function callsOf(project: Project, definition: Node): Node[] {
  let index = project.derived.get('calls') as Map<string, Node[]> | undefined;
  if (!index) {
    index = new Map();
    for (const module of project.modules) {
      for (const call of present(module.root.descendantsOfType('call'))) {
        const callee = field(call, 'function');
        if (callee.type !== 'identifier' && callee.type !== 'attribute') continue;
        const called: Definition | undefined = calledDefinition(callee);
        if (!called || called.node.type !== 'function_definition') continue;
        const key = `${called.module.name}:${called.node.startIndex}`;
        index.set(key, [...(index.get(key) ?? []), call]);
      }
    }
    project.derived.set('calls', index);
  }
  return index.get(`${moduleOf(definition).name}:${definition.startIndex}`) ?? [];
}

// Retry loops.

/** Inside a loop (in the same function) that retries: its body has a try statement, or its variable reads like an attempt count. */
function inRetryLoop(node: Node): boolean {
  for (const current of ancestorsInScope(node)) {
    if (current.type !== 'for_statement' && current.type !== 'while_statement') continue;
    const loopVariable = current.type === 'for_statement' ? field(current, 'left').text : '';
    if (RETRY_WORDS.test(loopVariable) || field(current, 'body').descendantsOfType('try_statement').length > 0) return true;
  }
  return false;
}
