/**
 * Calls back once calls to `touch` have stopped for `settleMs`, but never later than `maxWaitMs`
 * after the first of them: a burst of writes (an editor publishing page after page, a sync) is
 * handled in batches instead of competing with each write, and nothing waits long.
 */
export class SettleTimer {
  private timer: NodeJS.Timeout | null = null;
  /** When the first touch not yet called back came (0: none). */
  private firstAt = 0;

  constructor(
    private readonly settleMs: number,
    private readonly maxWaitMs: number,
    private readonly callback: () => void,
  ) {}

  touch(): void {
    const now = Date.now();
    if (this.firstAt === 0) this.firstAt = now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.firstAt = 0;
        this.callback();
      },
      Math.max(0, Math.min(this.settleMs, this.firstAt + this.maxWaitMs - now)),
    );
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstAt = 0;
  }
}
