// `npm run reminders -- --date 2026-12-03 [--dry-run]`: the deadline reminders of one Seoul day, as the
// server's 09:00 run sends them (docs/decisions/025-deadline-reminders.md). A dry run prints what would be
// sent and writes nothing. A real run prints what it sent; it is safe beside a running server and safe to
// repeat (each reminder's ReminderSent row is its claim). With SMTP_URL this process delivers the mail it
// enqueued itself, through the outbox sender's claim, so nothing waits for a server that may not run;
// without SMTP_URL the mail stays in the outbox, which the demo mailbox shows.
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, databaseReady } from "~/db.server";
import { isIsoDate } from "~/domain/dates";
import { deliverEnqueued, describeReminder, runReminders, type TicketReminder } from "~/models/reminders.server";

const USAGE = "npm run reminders -- --date <YYYY-MM-DD> [--dry-run]";

const ArgsSchema = z.object({
  date: z
    .string({ error: "--date <YYYY-MM-DD>로 날짜를 주세요." })
    .refine(isIsoDate, { error: "날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다 (예: 2026-12-03)." }),
  "dry-run": z.boolean().default(false),
});

function report(results: TicketReminder[], dryRun: boolean): void {
  const shown = results.filter((r) => r.status !== "skipped");
  if (shown.length === 0) console.log(dryRun ? "보낼 기한 알림이 없습니다." : "새로 보낸 기한 알림이 없습니다.");
  for (const r of shown) console.log(`${dryRun ? "[보낼 예정]" : "[보냄]"} ${describeReminder(r)}`);
  const skipped = results.length - shown.length;
  if (skipped > 0) console.log(`다른 실행이 먼저 보낸 알림 ${skipped}건은 건너뛰었습니다.`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { date: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const args = ArgsSchema.safeParse(values);
  if (!args.success) {
    console.error(`${args.error.issues.map((i) => i.message).join("\n")}\n${USAGE}`);
    return 2;
  }
  const { date: today, "dry-run": dryRun } = args.data;
  await databaseReady();
  const results = await runReminders({ today, dryRun });
  report(results, dryRun);
  if (!dryRun) await deliverEnqueued(results.flatMap((r) => r.mailIds));
  return 0;
}

main()
  .catch((error: unknown) => {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`알 수 없는 인수입니다 (${error.message}).\n${USAGE}`);
      return 2;
    }
    console.error("기한 알림 실행에 실패했습니다 / reminders failed:", error);
    return 1;
  })
  .then(async (code) => {
    await closeDatabase();
    process.exitCode = code;
  });
