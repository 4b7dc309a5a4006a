// The node command-line flags of the production server, for every way it is started: `npm start`
// (scripts/start.mjs, which the e2e servers of scripts/e2e-server.mjs go through too),
// tests/e2e/server-process.ts and the bench (scripts/bench/), so the bench measures what users run.
//
// V8 reads them once, before any code runs. Nothing changes a V8 flag while the server runs:
// v8.setFlagsFromString after start-up is unsupported by V8 and Node (it may crash or misbehave),
// see docs/decisions/016. Node refuses most V8 flags in NODE_OPTIONS, hence a command line of our own.
// Measured at 100,000 tickets (`npm run bench`, docs/decisions/016).

/** @type {readonly string[]} */
export const SERVER_NODE_FLAGS = Object.freeze([
  // Prisma's query compiler is WebAssembly. V8 compiles it with its baseline compiler (Liftoff) and
  // then again, function by function, with its optimizing one (TurboFan): that second copy costs
  // about 45 MB of resident memory from the first query on, for no gain we could measure (Prisma
  // caches the plan of each query shape, so the compiler runs once per shape).
  "--liftoff-only",
  // A young generation of at most 2 × 4 MB instead of 2 × 16 MB: it stays resident once grown.
  "--max-semi-space-size=4",
  // Between full collections the old generation may grow 20 % instead of up to 4× (V8's own factor
  // with the large heap limit it picks on a machine with a few GB). An export's Prisma reads leave
  // dead rows in the old generation (about 3 MB of every 10 MB they allocate), which V8 would let
  // pile up for 50 MB and more before collecting; under page load the heap grew to 450 MB. Costs
  // the pages about a fifth more CPU (docs/decisions/016). No hard heap limit: the server never
  // dies of one.
  "--heap-growing-percent=20",
]);

/** node's arguments to run the built server `serverJs` with the flags. */
export function serverNodeArgs(serverJs) {
  return [...SERVER_NODE_FLAGS, serverJs];
}
