// The daily 09:00 Asia/Seoul timer, in the server process: a run at start (catching up a 09:00 that passed
// while the server was down) and then at each 09:00. A run sends the day's deadline reminders first, then
// the digests, so a reminder for someone who reads 기한 알림 in the digest rides today's digest. A run is
// safe to repeat: each reminder's ReminderSent row is its claim (docs/decisions/025-deadline-reminders.md),
// and the dedupe key `digest:<userId>:<day>` lets one digest per person and day through with the
// notifications it carries marked mailed in the same transaction — so a restart, or a second process with
// its own timer, sends nothing twice (docs/decisions/023-notification-mail.md).
import { seoulDate } from "~/domain/dates";
import { nextDigestAt } from "~/domain/notifications";
import { sendDueDigests } from "~/models/notification-mail.server";
import { runReminders } from "~/models/reminders.server";
import { log } from "~/utils/log.server";

/** The two halves of a daily run (tests replace them). */
export type DailyParts = {
  reminders: (options: { today: string; dryRun: false; now: Date }) => Promise<{ status: string }[]>;
  digests: (now: Date) => Promise<number>;
};

/**
 * One daily run at `now`: the reminders of its Seoul day, then the digests due. A failed reminder run does
 * not hold the digests back; it is reported (the scheduler then tries the whole run again soon: both
 * halves skip what they already did). Returns how many digests were enqueued.
 */
export async function runDaily(now: Date, parts: DailyParts = { reminders: runReminders, digests: sendDueDigests }): Promise<number> {
  const reminders = await parts.reminders({ today: seoulDate(now), dryRun: false, now }).then(
    (results) => ({ sent: results.filter((r) => r.status === "sent").length, error: null }),
    (error: unknown) => ({ sent: 0, error }),
  );
  if (reminders.sent > 0) log.info({ reminders: reminders.sent }, "deadline reminders sent");
  const digests = await parts.digests(now);
  if (reminders.error) throw reminders.error;
  return digests;
}

export type DigestSchedulerOptions = {
  /** the clock (tests fix it) */
  now?: () => Date;
  /** one run: the reminders of the instant's day and the digests due at it; returns how many digests */
  run?: (now: Date) => Promise<number>;
};

// A timer longer than this is re-armed instead (a suspended machine or a changed clock is noticed within it).
const MAX_WAIT_MS = 3_600_000;
// past the hour: the run then sees 09:00 as passed whatever the timer's rounding
const AFTER_THE_HOUR_MS = 1_000;
// a run that failed (the database busy, a disk error) is tried again soon, not tomorrow
const RETRY_MS = 5 * 60_000;

export function startDigestScheduler({ now = () => new Date(), run = (at: Date) => runDaily(at) }: DigestSchedulerOptions = {}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let dueAt = now();

  function arm() {
    if (stopped) return;
    const wait = Math.min(Math.max(dueAt.getTime() - now().getTime(), 0) + AFTER_THE_HOUR_MS, MAX_WAIT_MS);
    timer = setTimeout(tick, wait);
    timer.unref();
  }

  function tick() {
    timer = null;
    if (stopped) return;
    const at = now();
    if (at < dueAt) return arm();
    dueAt = nextDigestAt(at);
    running = run(at).then(
      (count) => {
        if (count > 0) log.info({ digests: count, nextAt: dueAt.toISOString() }, "notification digests enqueued");
      },
      (error: unknown) => {
        dueAt = new Date(at.getTime() + RETRY_MS);
        log.error({ err: error }, "notification digest run failed");
      },
    );
    void running.then(arm);
  }

  tick();
  return {
    /** Resolves when the run in progress (if any) is over. */
    idle: (): Promise<void> => running,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
