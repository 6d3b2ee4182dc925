/** Word counting that yields to the event loop every `batchSize` lines, so a huge file cannot starve other work. */

export async function countWords(text: string, batchSize = 500): Promise<number> {
  const lines = text.split('\n');
  let count = 0;
  for (let index = 0; index < lines.length; index++) {
    count += lines[index].split(/\s+/).filter(Boolean).length;
    if ((index + 1) % batchSize === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return count;
}
