/**
 * FlattenBackoff (Python): exponential backoff or jitter becomes a constant delay, so retries hammer at a fixed rate.
 * In a delay context (the value reaches a sleep/timer call, a delay-like name or keyword, a delay-like function's
 * return, or sits in a retry loop): `base * 2 ** n` / `base * pow(2, n)` -> `base`; a bare `2 ** n` -> backoffDelayMs
 * in seconds; `random.uniform(a, b)` -> `(a + b) / 2` and `random.random()` -> `0.5` (the mean, without the jitter).
 * `min(cap, base * 2 ** n)` mutates only the inner product. Growth that feeds itself: `delay *= 2` -> `delay *= 1`,
 * `delay = min(delay * 2, cap)` -> `min(delay, cap)`, a Fibonacci step kept in fields -> its scale. Anywhere: `tenacity.wait_exponential(...)` (and
 * `wait_random_exponential`) -> `wait_fixed(<first wait>)`; `backoff.expo` passed to `backoff.on_exception` /
 * `on_predicate` -> `backoff.constant` (or, when the decorator passes expo's keywords, a constant generator accepting them).
 */
import type { Node } from 'web-tree-sitter';
import type { PyMutator } from './types.js';
import { mutatorSettings } from '../settings.js';
import { inDelayContext } from './facts/delays.js';
import { ownDescendants } from './facts/module.js';
import { ownerClass, qualifiedName, siblingSpelling } from './facts/names.js';
import { calleeLastName, callParts, dottedName, field, isNumericLiteral, lastSegment, parameterName, present, seconds, unwrapParentheses } from './syntax.js';

/** A base or factor held in a name (`base`, `self.exp_base`, `factor`, `multiplier`): growth, when the exponent is not a literal. */
const GROWTH_NAMES = /base|factor|multiplier|growth|ratio|backoff|^exp$/i;
const TENACITY_EXPONENTIALS = new Set(['tenacity.wait_exponential', 'tenacity.wait_random_exponential']);
const EXPO_KEYWORDS = ['base', 'factor', 'max_value'];

export const flattenBackoff: PyMutator = {
  name: 'FlattenBackoff',
  nodeTypes: ['binary_operator', 'call', 'identifier', 'attribute', 'augmented_assignment'],
  *mutate(node) {
    if (node.type === 'augmented_assignment') {
      const factor = selfFedFactor(node);
      if (factor) yield { node: factor, replacement: '1', level: 'expression' };
      return;
    }
    const replacement = backoffMathReplacement(node) ?? stateGrowthReplacement(node) ?? jitterReplacement(node) ?? retryLibraryReplacement(node);
    if (replacement !== undefined) yield { node, replacement, level: 'expression' };
  },
};

// Exponential math.

function backoffMathReplacement(node: Node): string | undefined {
  const base = exponentialProductBase(node);
  if (base) return inDelayContext(node) ? base.text : undefined;
  if (!isExponential(node) || isProductOperand(node) || !inDelayContext(node)) return undefined;
  // A literal base (`2 ** n`) carries no unit: the fixed delay. A named one (`self.exp_base ** n`) is a factor that
  // another statement scales (`self.multiplier * exp`): its first value, 1, leaves that scale as the constant delay.
  return isNumericLiteral(growthOperand(node)!) ? seconds(mutatorSettings().backoffDelayMs) : '1';
}

/** `base * 2 ** n` or `2 ** n * base` (also with `pow(2, n)`): the base operand. */
function exponentialProductBase(node: Node): Node | undefined {
  if (binaryOperator(node) !== '*') return undefined;
  const [left, right] = [field(node, 'left'), field(node, 'right')];
  if (isExponential(unwrapParentheses(right))) return left;
  return isExponential(unwrapParentheses(left)) ? right : undefined;
}

/** `k ** n` or `pow(k, n)` / `math.pow(k, n)` with a growth factor k (a literal > 1, or a base/factor name) and a non-literal exponent. */
function isExponential(node: Node): boolean {
  const [base, exponent] = powerOperands(node) ?? [];
  return base !== undefined && exponent !== undefined && isGrowthFactor(base) && !isNumericLiteral(exponent);
}

function growthOperand(node: Node): Node | undefined {
  return powerOperands(node)?.[0];
}

function powerOperands(node: Node): [Node, Node] | undefined {
  if (binaryOperator(node) === '**') return [field(node, 'left'), field(node, 'right')];
  if (calleeLastName(node) !== 'pow') return undefined;
  const parts = callParts(node);
  const name = parts && (qualifiedName(parts.callee) ?? dottedName(parts.callee));
  if (!parts || (name !== 'pow' && name !== 'math.pow') || parts.positional.length !== 2 || parts.keywords.size > 0 || parts.hasSplat) return undefined;
  return [parts.positional[0], parts.positional[1]];
}

function isGrowthFactor(node: Node): boolean {
  if (isNumericLiteral(node)) return Number(node.text.replaceAll('_', '')) > 1;
  const name = dottedName(node);
  return name !== undefined && GROWTH_NAMES.test(lastSegment(name).replace(/^_+/, ''));
}

function isProductOperand(node: Node): boolean {
  let outer = node.parent;
  while (outer?.type === 'parenthesized_expression') outer = outer.parent;
  return outer !== null && binaryOperator(outer) === '*';
}

function binaryOperator(node: Node): string | undefined {
  return node.type === 'binary_operator' ? node.childForFieldName('operator')?.type : undefined;
}

// Growth held in a variable or in object state.

/**
 * A delay that grows by feeding itself, in a delay context: `retry_sleep *= 2` -> `retry_sleep *= 1`; `retry_sleep =
 * min(retry_sleep * 2, 60)` -> `min(retry_sleep, 60)` (the product with the assigned name itself); a Fibonacci step kept
 * in fields, `new = self.prev + self.cur; self.prev = self.cur; self.cur = new; return self.multiplier * new` ->
 * `self.multiplier`. The delay stays at its first value, so retries come at a constant rate.
 */
function stateGrowthReplacement(node: Node): string | undefined {
  if (binaryOperator(node) !== '*') return undefined;
  const [left, right] = [unwrapParentheses(field(node, 'left')), unwrapParentheses(field(node, 'right'))];
  const kept = selfFedOperand(node, left, right) ?? selfFedOperand(node, right, left) ?? recurrenceScale(left, right) ?? recurrenceScale(right, left);
  return kept !== undefined && inDelayContext(node) ? kept.text : undefined;
}

/** `x *= k` in a delay context with a growth factor k: k (visited at the statement: asking every number for its parent is slow). */
function selfFedFactor(statement: Node): Node | undefined {
  const factor = field(statement, 'right');
  return statement.childForFieldName('operator')?.type === '*=' && isGrowthFactor(factor) && inDelayContext(factor) ? factor : undefined;
}

/** `x * k` inside `x = ...` (the same name assigned): x, when k is a growth factor. */
function selfFedOperand(product: Node, kept: Node, factor: Node): Node | undefined {
  if (!isGrowthFactor(factor) || dottedName(kept) === undefined) return undefined;
  let assignment = product.parent;
  while (assignment && ['parenthesized_expression', 'argument_list', 'call', 'binary_operator'].includes(assignment.type)) assignment = assignment.parent;
  return assignment?.type === 'assignment' && field(assignment, 'left').text === kept.text ? kept : undefined;
}

/** `scale * step` where scale is a growth name and step a local computed from fields that it is stored back into (a recurrence in object state): scale. */
function recurrenceScale(scale: Node, step: Node): Node | undefined {
  if (step.type !== 'identifier' || dottedName(scale) === undefined || isNumericLiteral(scale) || !isGrowthFactor(scale)) return undefined;
  const owner = ownerClass(step);
  let scope = step.parent;
  while (scope && scope.type !== 'function_definition') scope = scope.parent;
  if (!owner || !scope) return undefined;
  const assignments = ownDescendants(field(scope, 'body'), 'assignment');
  const computed = assignments.filter((assignment) => field(assignment, 'left').text === step.text);
  const value = computed.length === 1 ? computed[0].childForFieldName('right') : null;
  if (value?.type !== 'binary_operator' || !['+', '*'].includes(binaryOperator(value)!)) return undefined;
  const fields = new Set(value.descendantsOfType('attribute').filter((attribute) => attribute !== null && field(attribute, 'object').text === owner.self).map((attribute) => attribute!.text));
  return assignments.some((assignment) => fields.has(field(assignment, 'left').text) && assignment.childForFieldName('right')?.text === step.text) ? scale : undefined;
}

// Jitter.

function jitterReplacement(node: Node): string | undefined {
  if (!['random', 'uniform'].includes(calleeLastName(node))) return undefined;
  const parts = callParts(node);
  if (!parts || parts.hasSplat || parts.keywords.size > 0) return undefined;
  const name = qualifiedName(parts.callee) ?? injectedRandom(parts.callee);
  const [low, high] = parts.positional;
  const mean = name === 'random.random' && !low ? '0.5' : name === 'random.uniform' && high ? `(${low.text} + ${high.text}) / 2` : undefined;
  return mean !== undefined && inDelayContext(node) ? mean : undefined;
}

/** `self.random` set in its class from a parameter that defaults to `random.random` (an injectable random source): 'random.random'. */
function injectedRandom(callee: Node): string | undefined {
  const owner = callee.type === 'attribute' ? ownerClass(callee) : undefined;
  if (!owner || field(callee, 'object').text !== owner.self) return undefined;
  const attribute = field(callee, 'attribute').text;
  for (const method of owner.facts.methods.values()) {
    for (const assignment of ownDescendants(field(method, 'body'), 'assignment')) {
      if (field(assignment, 'left').text !== `${owner.self}.${attribute}`) continue;
      const source = assignment.childForFieldName('right')?.text;
      const parameter = present(field(method, 'parameters').namedChildren).find((candidate) => parameterName(candidate) === source);
      const fallback = parameter?.childForFieldName('value');
      if (fallback && qualifiedName(fallback) === 'random.random') return 'random.random';
    }
  }
  return undefined;
}

// Retry libraries.

function retryLibraryReplacement(node: Node): string | undefined {
  return tenacityReplacement(node) ?? backoffReplacement(node);
}

/** `wait_exponential(multiplier=m, min=lo)` -> `wait_fixed(<its first wait>)`: max(lo, m) when both are given. */
function tenacityReplacement(node: Node): string | undefined {
  if (!calleeLastName(node).endsWith('exponential')) return undefined;
  const parts = callParts(node);
  if (!parts || parts.hasSplat || !TENACITY_EXPONENTIALS.has(qualifiedName(parts.callee) ?? '')) return undefined;
  const waits = [parts.keywords.get('multiplier') ?? parts.positional[0], parts.keywords.get('min') ?? parts.positional[3]].filter((arg) => arg !== undefined);
  const firstWait = waits.length === 2 ? `max(${waits[0].text}, ${waits[1].text})` : (waits[0]?.text ?? seconds(mutatorSettings().backoffDelayMs));
  return `${siblingSpelling(parts.callee, 'tenacity', 'wait_fixed')}(${firstWait})`;
}

/**
 * `backoff.on_exception(backoff.expo, ...)` -> `backoff.constant`; when the decorator passes expo's own keywords
 * (base, factor, max_value), which reach the wait generator, a generator taking them that repeats expo's first wait.
 */
function backoffReplacement(node: Node): string | undefined {
  if ((node.type !== 'identifier' && node.type !== 'attribute') || !node.text.endsWith('expo')) return undefined;
  if (qualifiedName(node) !== 'backoff.expo' || node.parent?.type !== 'argument_list') return undefined;
  const decorator = callParts(node.parent.parent!)!;
  const decoratorName = qualifiedName(decorator.callee);
  if ((decoratorName !== 'backoff.on_exception' && decoratorName !== 'backoff.on_predicate') || !decorator.positional[0]?.equals(node)) return undefined;
  const constant = siblingSpelling(node, 'backoff', 'constant');
  return EXPO_KEYWORDS.some((keyword) => decorator.keywords.has(keyword)) ? `lambda base=2, factor=1, max_value=None: ${constant}(factor)` : constant;
}
