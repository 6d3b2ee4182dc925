/** Keeps a compressed index of many directories: indexing runs on a work queue, paced between directories; flush saves it once the queue is idle. */
import { setTimeout as pause } from 'node:timers/promises';
import { compressJson, writeIndexFile } from './files.js';
import { indexDirectory, type IndexEntry } from './indexer.js';
import { WorkQueue } from './work-queue.js';

export interface IndexServiceOptions {
  output: string;
  /** Pause between scheduling two directories, to keep the disk available to others. */
  pauseMs: number;
  index?: (dir: string) => Promise<IndexEntry[]>;
}

export class IndexService {
  readonly entries = new Map<string, IndexEntry[]>();
  private readonly queue = new WorkQueue();

  constructor(private readonly options: IndexServiceOptions) {}

  schedule(dir: string): void {
    const index = this.options.index ?? indexDirectory;
    this.queue.add(async () => {
      this.entries.set(dir, await index(dir));
    });
  }

  async scheduleAll(dirs: readonly string[]): Promise<void> {
    for (const dir of dirs) {
      this.schedule(dir);
      await pause(this.options.pauseMs);
    }
  }

  async flush(): Promise<void> {
    await this.queue.onIdle();
    await writeIndexFile(this.options.output, await compressJson(Object.fromEntries(this.entries)));
  }
}
