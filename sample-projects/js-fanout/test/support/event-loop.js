/** Event-loop responsiveness probe: how many times other callbacks got to run while some work was in flight. */
export async function eventLoopTurnsDuring(work) {
  let turns = 0;
  let running = true;
  const beat = () => {
    if (!running) return;
    turns++;
    setImmediate(beat);
  };
  setImmediate(beat);
  const result = await work();
  running = false;
  return { result, turns };
}
