/** A warmed-up Python worker that collects the suite once and forks one child per mutant to run its covering tests, with a Node-side watchdog that kills a hung child. */
import { type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { SleepmutError } from '../cli/errors.js';
import { killGroup, onCleanup } from './cleanup.js';
import { releasePipes, spawnInOwnGroup } from './group-spawn.js';
import { pythonEnvironment, runtimeDirectory, type Interpreter } from './interpreter.js';
import { basePytestArgs, readPluginResult, type PytestRun } from './plugin.js';
import { pytestErrorLines } from './pytest-output.js';
import { cacheDirectoryOf, type Sandbox } from './sandbox.js';
import { watchdogGraceMs } from './timeouts.js';

export interface ForkedJob {
  readonly mutant: number;
  readonly tests: readonly string[];
  /** The run's expected time: from then on the child ends a provably hung run at once (python/sleepmut_budget.py). */
  readonly expectedMs: number;
  /** The slow-or-hung budget: at its end the child ends any run; the Node watchdog kills the child only after it plus a grace. */
  readonly timeoutMs: number;
  /** Each test's own slow-or-hung budget (src/python/plan.ts), counted from the test's start. */
  readonly testBudgetsMs: Readonly<Record<string, number>>;
  readonly resultFile: string;
}

interface WorkerMessage {
  ready?: boolean;
  /** pytest's exit status when the worker's session ended before it was ready (collection failed). */
  exitStatus?: number;
  /** Threads alive in the worker after import and collection (ready message only). */
  threads?: string[];
  pid?: number;
  done?: boolean;
  signal?: number | null;
}

let workersStarted = 0;

/** How long a worker gets to report after its child was killed before the worker itself is killed. */
const unresponsiveWorkerMs = 5000;

export class ForkingWorker {
  private alive = true;
  private outputTail = '';
  /** Threads the suite started at import or collection: a forked child would hold them only half, so this worker must not be used for forked runs. */
  threadsAtFork: readonly string[] = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly messages: AsyncIterator<string>,
  ) {
    const collect = (chunk: Buffer) => (this.outputTail = (this.outputTail + chunk.toString()).slice(-6000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', () => (this.alive = false));
    onCleanup(() => this.stop());
  }

  static async start(interpreter: Interpreter, sandbox: Sandbox, testArgs: readonly string[]): Promise<ForkingWorker> {
    const child = spawnInOwnGroup(interpreter, [path.join(runtimeDirectory, 'sleepmut_worker.py')], {
      cwd: sandbox.project,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...pythonEnvironment({ SLEEPMUT_PYTEST_ARGS: JSON.stringify(basePytestArgs(testArgs, cacheDirectoryOf(sandbox, `worker-${++workersStarted}`))) }, sandbox.importPaths) },
    }) as unknown as ChildProcessWithoutNullStreams;
    const messages = createInterface({ input: child.stdio[3] as Readable })[Symbol.asyncIterator]();
    const worker = new ForkingWorker(child, messages);
    const ready = await worker.next();
    worker.threadsAtFork = ready?.threads ?? [];
    if (!ready?.ready) {
      worker.stop();
      const status = ready?.exitStatus === undefined ? '' : ` (pytest exit status ${ready.exitStatus})`;
      throw new SleepmutError(`sleepmut: a pytest worker failed to collect the tests${status}; pytest said:`, pytestErrorLines(worker.outputTail, sandbox));
    }
    return worker;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  get isForkSafe(): boolean {
    return this.threadsAtFork.length === 0;
  }

  async run(job: ForkedJob): Promise<PytestRun> {
    const started = Date.now();
    this.child.stdin.write(`${JSON.stringify({ mutant: job.mutant, tests: job.tests, out: job.resultFile, expectedMs: job.expectedMs, finalBudgetMs: job.timeoutMs, testBudgetsMs: job.testBudgetsMs })}\n`);
    const forked = await this.next();
    let timedOut = false;
    const watchdog = setTimeout(() => {
      timedOut = true;
      killProcess(forked?.pid);
    }, job.timeoutMs + watchdogGraceMs);
    const lastResort = setTimeout(() => this.stop(), job.timeoutMs + watchdogGraceMs + unresponsiveWorkerMs);
    const done = await this.next();
    clearTimeout(watchdog);
    clearTimeout(lastResort);
    const signal = done?.signal ? `signal ${done.signal}` : done ? undefined : 'the worker died';
    return { timedOut, signal: timedOut ? undefined : signal, result: await readPluginResult(job.resultFile), durationMs: Date.now() - started };
  }

  stop(): void {
    if (this.alive) killGroup(this.child.pid);
    this.alive = false;
    releasePipes(this.child);
  }

  private async next(): Promise<WorkerMessage | undefined> {
    const line = await this.messages.next();
    return line.done ? undefined : (JSON.parse(line.value) as WorkerMessage);
  }
}

function killProcess(pid: number | undefined): void {
  try {
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  } catch {
    // It finished just now.
  }
}
