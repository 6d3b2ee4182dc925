/** FlattenBackoff (JS/TS): exponential backoff or jitter that reaches a delay becomes a fixed delay; a retry library's growth factor becomes 1. */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { mutatorSettings } from '../settings.js';
import { calleeName, cloneNode, memberChain, noMutants, numeric, propertyName, type JsOperator } from './ast.js';
import { asWrittenAt, callFact } from './facts/sites.js';

/** Names of variables, properties and functions that hold a delay. */
const DELAY_NAME = /delay|backoff|wait|interval|timeout|retryafter|sleep/i;
/** Names of calls whose arguments are waited for. */
const DELAY_CALL = /^(sleep|delay|wait|pause|setTimeout)$/i;
const GROWTH_OPTIONS = new Set(['factor', 'timeMultiple', 'multiplier', 'exponent']);
const RETRY_OPTIONS = new Set([
  'retries', 'minTimeout', 'maxTimeout', 'startingDelay', 'numOfAttempts', 'maxDelay',
  'initialDelay', 'maxRetries', 'delayFirstAttempt', 'randomize', 'jitter',
]);
const ROUNDING = new Set(['round', 'floor', 'ceil', 'trunc']);
const BOUNDING = new Set(['min', 'max', ...ROUNDING]);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '<<']);
/** `(2 ** n - 1) / 2`: a growth term shifted or scaled by a constant is still the growth. */
const CONSTANT_ADJUSTMENTS = new Set(['-', '+', '/']);
const POW = new Set(['pow']);
const RANDOM = new Set(['random']);

/** Growth factors are numeric literals, backoff math is binary expressions or `Math.pow` calls: every other node is skipped at once. */
const candidateTypes = new Set<t.Node['type']>(['NumericLiteral', 'BinaryExpression', 'CallExpression']);

export const flattenBackoff: JsOperator = {
  name: 'FlattenBackoff',
  nodeTypes: candidateTypes,
  mutate(path) {
    if (!candidateTypes.has(path.node.type)) return noMutants;
    const replacement = growthOptionReplacement(path) ?? growthDefaultReplacement(path) ?? delayReplacement(path);
    return replacement ? [replacement] : noMutants;
  },
};

/**
 * A growth factor's default assigned rather than declared: `options.factor ??= 2`, `opts.factor || 2`,
 * `{ factor = 2 } = options`, `this.multiplier = options.multiplier ?? 2` becomes 1, when the module uses that name as
 * the base of a power (`factor ** n`, `Math.pow(options.factor, n)`): the same option, read where the delay grows.
 */
function growthDefaultReplacement(path: NodePath): t.Expression | undefined {
  const { node, parent } = path;
  if (node.type !== 'NumericLiteral' || node.value <= 1 || !parent) return undefined;
  let slot: t.Node | undefined;
  if (parent.type === 'AssignmentExpression' && parent.right === node && ['??=', '||=', '='].includes(parent.operator)) slot = parent.left;
  else if (parent.type === 'LogicalExpression' && parent.right === node && parent.operator !== '&&') slot = parent.left;
  else if (parent.type === 'AssignmentPattern' && parent.right === node) slot = parent.left;
  const name = slot && propertyName(slot);
  return name && GROWTH_OPTIONS.has(name) && powerBases(path).has(name) ? numeric(1) : undefined;
}

const powerBaseCache = new WeakMap<t.Node, ReadonlySet<string>>();

/** Names (identifiers or property names) used as the base of `**` or `Math.pow` anywhere in the module: one walk per module, on demand. */
function powerBases(path: NodePath): ReadonlySet<string> {
  const program = path.scope.getProgramParent().path.node;
  let names = powerBaseCache.get(program);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: t.Node): void => {
      const base = isBinary(node, '**') ? node.left : node.type === 'CallExpression' && isMathCall(node, POW) ? node.arguments[0] : undefined;
      const name = base && propertyName(base);
      if (name) found.add(name);
      for (const key of Object.keys(node) as (keyof t.Node)[]) {
        if (key === 'loc' || key === 'extra' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
        const value = node[key] as unknown;
        if (Array.isArray(value)) value.forEach((child) => isNode(child) && visit(child));
        else if (isNode(value)) visit(value);
      }
    };
    visit(program);
    powerBaseCache.set(program, (names = found));
  }
  return names;
}

const isNode = (value: unknown): value is t.Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** `{ retries: 5, factor: 2 }`: the growth factor of a retry config becomes 1. */
function growthOptionReplacement(path: NodePath): t.Expression | undefined {
  const { node, parent, parentPath } = path;
  if (node.type !== 'NumericLiteral' || node.value <= 1) return undefined;
  if (parent?.type !== 'ObjectProperty' || parent.value !== node || !GROWTH_OPTIONS.has(keyName(parent) ?? '')) return undefined;
  const config = parentPath?.parent;
  const isRetryConfig = config?.type === 'ObjectExpression' && config.properties.some((sibling) => RETRY_OPTIONS.has(keyName(sibling) ?? ''));
  return isRetryConfig ? numeric(1) : undefined;
}

function delayReplacement(path: NodePath): t.Expression | undefined {
  const iterative = iterativeReplacement(path);
  if (iterative) return iterative;
  const replacement = exponentialReplacement(path) ?? jitterReplacement(path);
  if (!replacement) return undefined;
  // The kept base says it is a delay (`options.initialDelay * 2 ** n`, `Math.random() * delay`): the value is one.
  return DELAY_NAME.test(propertyName(replacement) ?? '') || reachesDelay(path) ? replacement : undefined;
}

// Exponential growth.

/** `base * 2 ** n`, `2 ** n * base`, `base << n` -> base; a growth term with no base beside it -> the configured fixed delay. */
function exponentialReplacement(path: NodePath): t.Expression | undefined {
  const { node } = path;
  if (isShiftGrowth(node)) return isOne(node.left) ? fixedDelay() : cloneNode(node.left);
  if (isGrowthTerm(node)) return isGrowthTerm(path.parent!) || baseBeside(path.parent) ? undefined : fixedDelay();
  const base = baseBeside(node);
  return base && cloneNode(base);
}

/** The base of `base * growth` or `growth * base` (never a `Math.random()` factor, which is jitter). */
function baseBeside(node: t.Node | null): t.Expression | undefined {
  if (!isBinary(node, '*')) return undefined;
  const [growth, base] = isGrowthTerm(node.right) ? [node.right, node.left] : [node.left, node.right];
  return isGrowthTerm(growth) && !isRandom(base) ? base : undefined;
}

/**
 * `2 ** n`, `1.5 ** n`, `factor ** n`, `Math.pow(2, n)`: a power with a varying exponent; also such a power shifted or
 * scaled by a constant (`(2 ** n - 1) / 2`, retry-axios): the whole term is the growth, and only it is flattened.
 */
function isGrowthTerm(node: t.Node | null): boolean {
  if (!node) return false;
  if (node.type === 'ParenthesizedExpression') return isGrowthTerm(node.expression);
  if (node.type === 'BinaryExpression' && CONSTANT_ADJUSTMENTS.has(node.operator) && isConstant(node.right)) return isGrowthTerm(node.left);
  if (isBinary(node, '**')) return isGrowthBase(node.left) && !isConstant(node.right);
  if (node.type !== 'CallExpression' || !isMathCall(node, POW) || node.arguments.length !== 2) return false;
  const [base, exponent] = node.arguments;
  return isGrowthBase(base) && !isConstant(exponent);
}

/**
 * `backoff = Math.ceil(backoff * rate)`, `delay = delay * factor`, `delay *= factor`: a delay grown by repeated
 * multiplication (rimraf) keeps its value: the product becomes the delay itself.
 */
function iterativeReplacement(path: NodePath): t.Expression | undefined {
  const { node } = path;
  if (!isBinary(node, '*')) return undefined;
  let top: NodePath = path;
  while (top.parentPath?.node.type === 'CallExpression' && isMathCall(top.parentPath.node, BOUNDING)) top = top.parentPath;
  const assignment = top.parent;
  if (assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || assignment.right !== top.node) return undefined;
  const target = propertyName(assignment.left);
  if (!target || !DELAY_NAME.test(target)) return undefined;
  const [same, factor] = propertyName(node.left) === target ? [node.left, node.right] : [node.right, node.left];
  if (propertyName(same) !== target || (factor.type === 'NumericLiteral' && factor.value <= 1) || isRandomFactor(factor)) return undefined;
  return cloneNode(same);
}

/** `base << n` with a varying shift. */
function isShiftGrowth(node: t.Node): node is t.BinaryExpression & { left: t.Expression } {
  return isBinary(node, '<<') && !isConstant(node.right);
}

function isGrowthBase(node: t.Node): boolean {
  return node.type === 'NumericLiteral' ? node.value > 1 : node.type === 'Identifier' || node.type === 'MemberExpression';
}

function isConstant(node: t.Node): boolean {
  return node.type === 'NumericLiteral' || (node.type === 'UnaryExpression' && node.argument.type === 'NumericLiteral');
}

function isOne(node: t.Node): boolean {
  return node.type === 'NumericLiteral' && node.value === 1;
}

function fixedDelay(): t.NumericLiteral {
  return numeric(mutatorSettings().backoffDelayMs);
}

// Jitter.

/** `E * Math.random()`, `Math.random() * E` -> E; `E + <jitter>`, `<jitter> + E`, `E - <jitter>` -> E. */
function jitterReplacement(path: NodePath): t.Expression | undefined {
  const kept = randomlyScaled(path.node) ?? withoutAddedJitter(path.node) ?? withoutStoredJitter(path);
  return kept && !isJitterOfSum(path) && !isStoredJitterOfSum(path) ? cloneNode(kept) : undefined;
}

/** `const jitter = delay * 0.2 * Math.random()` whose every use is added to a delay: the sum's mutant drops it (one mutant, the right value). */
function isStoredJitterOfSum(path: NodePath): boolean {
  const { parent, node } = path;
  if (parent?.type !== 'VariableDeclarator' || parent.init !== node || parent.id.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(parent.id.name);
  return !!binding?.constant && binding.referencePaths.length > 0 && binding.referencePaths.every((reference) => !!reference.parentPath && withoutStoredJitter(reference.parentPath) !== undefined);
}

/** E of `E + jitter` where `const jitter = delay * 0.2 * Math.random()` (axios-retry: the jitter held in a variable). */
function withoutStoredJitter(path: NodePath): t.Expression | undefined {
  const { node } = path;
  if (!isBinary(node, '+') && !isBinary(node, '-')) return undefined;
  const isStoredJitter = (side: t.Node): boolean => {
    if (side.type !== 'Identifier') return false;
    const binding = path.scope.getBinding(side.name);
    const live = binding?.constant ? binding.path.node : undefined;
    // As written: Stryker's own mutators may already have instrumented the initializer (`delay * 0.2 * Math.random()`).
    const declaration = live?.type === 'VariableDeclarator' ? asWrittenAt(path, live) : undefined;
    return !!declaration?.init && isJitterTerm(declaration.init);
  };
  if (isStoredJitter(node.right)) return node.left;
  return node.operator === '+' && isStoredJitter(node.left) ? node.right : undefined;
}

/** E of `E * Math.random()`, `Math.random() * E`, `E * (Math.random() + 1)` (a random factor). */
function randomlyScaled(node: t.Node): t.Expression | undefined {
  if (!isBinary(node, '*')) return undefined;
  if (isRandomFactor(node.right)) return node.left;
  return isRandomFactor(node.left) ? node.right : undefined;
}

/** `Math.random()`, `Math.random() + 1`, `1 + Math.random()`, `(0.5 + Math.random())`. */
function isRandomFactor(node: t.Node): boolean {
  if (isRandom(node)) return true;
  return isBinary(node, '+') && ((isRandom(node.left) && isConstant(node.right)) || (isConstant(node.left) && isRandom(node.right)));
}

/** E of `E + <jitter>`, `<jitter> + E` or `E - <jitter>` (not `Math.random() + 1`, a random factor, not a jittered delay). */
function withoutAddedJitter(node: t.Node): t.Expression | undefined {
  if (!isBinary(node, '+') && !isBinary(node, '-')) return undefined;
  if (isRandomFactor(node)) return undefined;
  if (isJitterTerm(node.right)) return node.left;
  return node.operator === '+' && isJitterTerm(node.left) ? node.right : undefined;
}

/** `Math.random()`, `J * Math.random()`, `Math.floor(Math.random() * J)`. */
function isJitterTerm(node: t.Node): boolean {
  if (isRandom(node) || randomlyScaled(node)) return true;
  return node.type === 'CallExpression' && isMathCall(node, ROUNDING) && node.arguments.length === 1 && isJitterTerm(node.arguments[0]);
}

/** The jitter term of `E + <jitter>`: the sum's own mutant drops it, so it gets none of its own. */
function isJitterOfSum(path: NodePath): boolean {
  let term = path;
  while (term.parentPath?.node.type === 'CallExpression' && isMathCall(term.parentPath.node, ROUNDING)) term = term.parentPath;
  const kept = term.parentPath && withoutAddedJitter(term.parentPath.node);
  return !!kept && kept !== term.node;
}

function isRandom(node: t.Node): boolean {
  return node.type === 'CallExpression' && isMathCall(node, RANDOM) && node.arguments.length === 0;
}

// Delay context.

/** The value (or an arithmetic, bounding or rounding expression around it) reaches a sleep or timer, or lands in a delay-named slot. */
function reachesDelay(path: NodePath): boolean {
  const value = outermostValue(path);
  return isDelayArgument(value) || DELAY_NAME.test(slotName(value) ?? '') || flowsIntoDelayCall(value);
}

/** Climbs through the expressions that pass a number on: arithmetic, `Math.min/max/round/...`, conditionals, defaults. */
function outermostValue(path: NodePath): NodePath {
  let value = path;
  while (value.parentPath && passesValueOn(value.parentPath.node, value.node)) value = value.parentPath;
  return value;
}

function passesValueOn(parent: t.Node, child: t.Node): boolean {
  switch (parent.type) {
    case 'BinaryExpression':
      return ARITHMETIC.has(parent.operator);
    case 'UnaryExpression':
      return parent.operator === '-' || parent.operator === '+';
    case 'ConditionalExpression':
      return parent.test !== child;
    case 'LogicalExpression':
      return parent.operator !== '&&';
    case 'CallExpression':
      return parent.callee !== child && isMathCall(parent, BOUNDING);
    default:
      return false;
  }
}

/** An argument of `setTimeout(...)`, `sleep(...)`, `delay(...)`, `wait(...)`, `pause(...)`. */
function isDelayArgument(value: NodePath): boolean {
  const { parent, node } = value;
  const isArgument = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(node as t.Expression);
  if (!isArgument) return false;
  if (DELAY_CALL.test(calleeName(parent) ?? '')) return true;
  // A project sleep helper (facts): `await pauseFor(base * 2 ** n)`.
  const fact = parent.type === 'CallExpression' ? callFact(value.parentPath as NodePath<t.CallExpression>) : undefined;
  return fact?.kind === 'sleep' && 'inside' in fact.duration && fact.duration.inside === node;
}

/** The name the value is stored under or returned from: a variable, property, class field or function. */
function slotName(value: NodePath): string | undefined {
  const { parent, node } = value;
  switch (parent?.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.right === node ? propertyName(parent.left) : undefined;
    case 'ObjectProperty':
    case 'ClassProperty':
      return parent.value === node ? keyName(parent) : undefined;
    case 'ReturnStatement':
    case 'YieldExpression':
      return functionName(value.getFunctionParent());
    case 'ArrayExpression':
      // `return [delay, next]`, `yield [nextDelay, state]`: the pair's first element is named by where the pair goes.
      return parent.elements[0] === node && value.parentPath ? slotName(value.parentPath) : undefined;
    case 'ArrowFunctionExpression':
      return parent.body === node ? functionName(value.parentPath) : undefined;
    default:
      return undefined;
  }
}

/** A function's own name, else the name of the slot holding it (`const nextDelay = (n) => ...`). */
function functionName(fn: NodePath | null): string | undefined {
  const node = fn?.node;
  if ((node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression') && node.id) return node.id.name;
  if (node?.type === 'ObjectMethod' || node?.type === 'ClassMethod') return keyName(node);
  return fn ? slotName(fn) : undefined;
}

/** `const ms = <value>; ... setTimeout(r, ms)`: the variable the value is stored in is later waited for. */
function flowsIntoDelayCall(value: NodePath): boolean {
  const { parent, node } = value;
  const target = parent?.type === 'VariableDeclarator' && parent.init === node ? parent.id : parent?.type === 'AssignmentExpression' && parent.right === node ? parent.left : undefined;
  const binding = target?.type === 'Identifier' ? value.scope.getBinding(target.name) : undefined;
  return !!binding && binding.referencePaths.some((reference) => isDelayArgument(outermostValue(reference)));
}

// Shared shape checks.

function isBinary(node: t.Node | null, operator: string): node is t.BinaryExpression & { left: t.Expression } {
  return node?.type === 'BinaryExpression' && node.operator === operator && node.left.type !== 'PrivateName';
}

function isMathCall(node: t.CallExpression, methods: ReadonlySet<string>): boolean {
  const chain = memberChain(node.callee);
  return chain?.length === 2 && chain[0] === 'Math' && methods.has(chain[1]);
}

/** `name: ...`, `'name': ...`, `name() {}`: a non-computed key's name. */
function keyName(node: t.Node): string | undefined {
  if (!('key' in node) || !('computed' in node) || node.computed) return undefined;
  return node.key.type === 'StringLiteral' ? node.key.value : propertyName(node.key);
}
