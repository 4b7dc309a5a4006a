// While an export streams 100,000 rows, Prisma keeps each batch alive just long enough for V8 to
// promote it, and with V8's own growing factor (2x and more on a small heap) the old generation grew
// 30-50 MB before the first full collection. Letting it grow only 20 % between full collections
// took 25-45 MB off an export's peak RSS, but process-wide it cost the pages a lot of CPU (dashboard
// at 100k: 30-36 → 50-53 ms per request, `npm run bench`). So the setting holds only while an
// export runs. EXPORT_HEAP_GROWING_PERCENT=0 never sets it. V8 reads the flag at every collection;
// 0 is V8's default (its own heuristics).
import v8 from "node:v8";

const PERCENT = Number(process.env.EXPORT_HEAP_GROWING_PERCENT ?? 20);
let holders = 0;

/** Starts the lean-heap period for one export; call the returned function once it ends. */
export function leanHeapWhileExporting(): () => void {
  if (!Number.isInteger(PERCENT) || PERCENT <= 0) return () => {};
  if (holders++ === 0) v8.setFlagsFromString(`--heap-growing-percent=${PERCENT}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) v8.setFlagsFromString("--heap-growing-percent=0");
  };
}
