// Which live events this tab has applied. With several server nodes, events committed on two nodes moments
// apart may arrive in either order (ADR 042): an event is new when its number was not seen, not when it is
// above the highest one, or the earlier one's toast would be lost. `highest` is where a reconnect asks to
// continue from. Bounded: only the latest MAX numbers are remembered (older ones are far below `highest`).
const MAX = 500;

export class SeenEvents {
  #seen = new Set<number>();
  highest = 0;

  /** True the first time `seq` is offered (then remembered), false for a repeat or an invalid number. */
  take(seq: unknown): boolean {
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq <= 0 || this.#seen.has(seq)) return false;
    // older than anything remembered: it was applied before the set was trimmed (or is older than the page)
    if (this.#seen.size >= MAX && seq < Math.min(...this.#seen)) return false;
    this.#seen.add(seq);
    if (this.#seen.size > MAX) this.#seen.delete(Math.min(...this.#seen));
    if (seq > this.highest) this.highest = seq;
    return true;
  }
}
