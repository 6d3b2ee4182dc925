/**
 * The verdict rule both engines share: how long a mutant's run may take before it is a Timeout.
 *
 * A run's budget is what the covering tests took in the baseline (times the timeout factor), plus what the mutant
 * adds each time its site runs (defined per operator in mutators/catalog.ts; `unknownDelayPerHitMs` where the engines
 * cannot know it), plus room for the machine: a fixed margin and, per hit, the lateness a timer shows on a busy
 * machine. When that budget runs out, the mutant is not yet a Timeout: it runs once more with the slow-or-hung budget
 * (`slowOrHungBudgetMs`); only a run that outlasts that one is a Timeout, and one that passes in it is Survived with its
 * slowdown. Why these numbers: docs/verdicts.md.
 */
import { findOperator, pollIntervalMs } from '../../mutators/catalog.js';
import type { MutatorSettings } from '../../mutators/settings.js';
import { maxTimerMs } from '../bounds.js';

/** Room for the machine on top of the expected time of a run. */
export const budgetMarginMs = 1000;

/**
 * Room for the machine in one test's own budget (the per-test timeouts of `sleepmut/vitest-setup` and
 * `sleepmut/mocha-setup`): the test's clock starts inside a running test runner, so nothing of a process start,
 * file loading or collection needs room, only a garbage collection or a late callback ...
 */
export const testMarginMs = 500;
/** ... plus this share of the test's baseline time, on top of the timeout factor: a busy machine stretches the test's own code. */
export const testStretchShare = 0.5;

/** Per hit: how late a timer may fire on a busy machine. */
export const timerSlipPerHitMs = 50;

/** Per hit, for an operator whose added time the engines cannot know: a blocking sleep as long as a typical retry delay. */
export const unknownDelayPerHitMs = 2000;

/** The slow-or-hung budget: the first budget's expected time (all but the margin) this many times over ... */
export const slowOrHungFactor = 4;
/** ... plus the margin, plus this much. */
export const slowOrHungExtraMs = 5000;

/** The longest budget: the watchdogs add their grace to it, and every timer must stay below 2^31 ms (Node turns a longer one into 1 ms). */
export const longestBudgetMs = maxTimerMs - 60_000;

/** Milliseconds a mutant adds per hit of its site; undefined when the engines cannot know (see `Injection` in the catalog). */
export function injectedDelayMs(operator: string, settings: MutatorSettings): number | undefined {
  const injects = findOperator(operator)?.injects ?? 'none';
  switch (injects) {
    case 'unknown':
      return undefined;
    case 'none':
      return 0;
    case 'poll':
      return pollIntervalMs;
    default:
      return settings[injects];
  }
}

/** Whether the operator's defect takes time by itself (catalog `addsTime`). */
export function addsTime(operator: string): boolean {
  return findOperator(operator)?.addsTime ?? false;
}

export interface BudgetInput {
  readonly operator: string;
  /** Baseline time of the covering tests (or of one test, for a per-test budget). */
  readonly baselineMs: number;
  /** How often those tests executed the mutated site in the baseline. */
  readonly hits: number;
  readonly timeoutFactor: number;
  readonly settings: MutatorSettings;
  /** Room for the machine; `budgetMarginMs` unless the engine's configuration says otherwise. */
  readonly marginMs?: number;
}

export interface Budget {
  readonly budgetMs: number;
  /** The part of `budgetMs` that is room for the machine, not expected time. */
  readonly marginMs: number;
  /** True for the slow-or-hung budget: running out of it makes the mutant a Timeout. */
  readonly final: boolean;
}

/** The first budget: expected time if the mutant only slows the tests down, plus room for the machine. */
export function firstBudget({ operator, baselineMs, hits, timeoutFactor, settings, marginMs = budgetMarginMs }: BudgetInput): Budget {
  const injected = injectedDelayMs(operator, settings) ?? unknownDelayPerHitMs;
  const expectedMs = Math.ceil(timeoutFactor * baselineMs + hits * (injected + timerSlipPerHitMs));
  return { budgetMs: Math.min(expectedMs + marginMs, longestBudgetMs), marginMs, final: false };
}

/**
 * The first budget of one test inside a running test runner: the run's rule with the test's own margin (a fixed
 * `testMarginMs` plus `testStretchShare` of its baseline). A hang of a 3 ms test ends after 1.06 s instead of 1.56 s;
 * from a 1 s baseline on the margin is as large as a run's, and it grows with the baseline.
 */
export function testBudget(input: Omit<BudgetInput, 'marginMs'>): Budget {
  return firstBudget({ ...input, marginMs: testMarginMs + Math.ceil(testStretchShare * input.baselineMs) });
}

/** The budget of the one re-run that tells "slow" from "hung": 4 x the expected time, plus the margin, plus 5 s. */
export function slowOrHungBudgetMs(first: Budget): number {
  return Math.min(first.marginMs + slowOrHungFactor * (first.budgetMs - first.marginMs) + slowOrHungExtraMs, longestBudgetMs);
}

/** The budget a run gets after running out of `budget`; undefined when that was final (the mutant is a Timeout). */
export function nextBudget(budget: Budget): Budget | undefined {
  return budget.final ? undefined : { budgetMs: slowOrHungBudgetMs(budget), marginMs: budget.marginMs, final: true };
}
