// The ticket page's one-click steps (issue 17, item 4): a step taken with one click records what its own
// page records. The plan accepted with the ticket page's button stayed 검토 대기 for everyone: the generic
// transition moved the ticket on without the plan's review status that acceptPlan writes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import { SIMPLE_ACTIONS } from "~/components/ticket-actions";
import { ONE_CLICK_STEPS, TRANSITION_ONLY_ACTIONS, takeOneClickStep } from "~/models/one-click-steps.server";
import { acceptPlan } from "~/models/monitor-steps.server";
import { submitPlan } from "~/models/plan.server";

useSeededDatabase();

const TODAY = "2026-11-27";
const ticketOf = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number }, select: { id: true, version: true, state: true } });
const latestPlan = (ticketId: string) =>
  prisma.executionPlan.findFirstOrThrow({ where: { ticketId }, orderBy: { version: "desc" }, select: { version: true, reviewStatus: true } });

describe("one-click steps", () => {
  it("accepting the plan with the ticket page's button records it as accepted, as the plan review page does", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    // AS-2026-0010 waits in 수행계획서 제출: the one-click path
    const oneClick = await ticketOf("AS-2026-0010");
    expect(oneClick.state).toBe("plan_submitted");
    await takeOneClickStep(monitor, "accept_plan", { ticketId: oneClick.id, expectedVersion: oneClick.version, today: TODAY });

    // AS-2026-0002 (지원결정): its supplier submits a plan, the TP accepts it on the plan review page
    const vendor2 = await actorFor("vendor2@demo.kr");
    const viaPage = await ticketOf("AS-2026-0002");
    await submitPlan(vendor2, {
      ticketId: viaPage.id,
      step: "submit_plan",
      expectedVersion: viaPage.version,
      scope: "POP 화면 개선",
      staff: "PM 1명",
      milestones: [{ title: "개발", dueOn: "2026-12-20", deliverable: "화면" }],
      acknowledgeLate: true,
      today: TODAY,
    });
    await acceptPlan(monitor, { ticketId: viaPage.id, expectedVersion: (await ticketOf("AS-2026-0002")).version, today: TODAY });

    for (const number of ["AS-2026-0010", "AS-2026-0002"]) {
      const ticket = await ticketOf(number);
      expect({ number, state: ticket.state, plan: (await latestPlan(ticket.id)).reviewStatus }).toEqual({
        number,
        state: "cost_review",
        plan: "accepted",
      });
    }
  });

  it("passing the requirement review with one click leaves a passed review with its reviewer, as a return or a rejection does", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    // AS-2026-0011 sits in 요건검토 with its documents complete
    const ticket = await ticketOf("AS-2026-0011");
    expect(ticket.state).toBe("requirement_review");
    await takeOneClickStep(monitor, "pass_review", { ticketId: ticket.id, expectedVersion: ticket.version, today: TODAY });
    expect((await ticketOf("AS-2026-0011")).state).toBe("site_evaluation");
    const reviews = await prisma.requirementReview.findMany({ where: { ticketId: ticket.id }, select: { result: true, reviewerId: true } });
    expect(reviews).toEqual([{ result: "passed", reviewerId: monitor.userId }]);
  });

  it("takes every one-click action of the ticket page, and refuses any other in Korean", async () => {
    expect(Object.keys(ONE_CLICK_STEPS).sort()).toEqual([...SIMPLE_ACTIONS].sort());
    const monitor = await actorFor("monitor@demo.kr");
    const ticket = await ticketOf("AS-2026-0006");
    await expect(
      takeOneClickStep(monitor, "record_cost_review", { ticketId: ticket.id, expectedVersion: ticket.version, today: TODAY }),
    ).rejects.toThrow("이 화면에서 할 수 없는 작업입니다.");
  });

  it("takes no action as a bare transition that a model takes with records of its own (the class of the defect)", () => {
    const dir = path.resolve("app/models");
    const sources = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".server.ts") && f !== "one-click-steps.server.ts")
      .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));
    const taken = TRANSITION_ONLY_ACTIONS.flatMap((action) =>
      sources.filter((s) => s.text.includes(`action: "${action}"`)).map((s) => `${action} (${s.file})`),
    );
    expect(taken).toEqual([]);
  });
});
