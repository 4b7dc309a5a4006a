// 한 번 누르는 단계: the ticket page's one-click buttons and the 할 일 box post to the ticket layout,
// whose action takes the step here. A step whose model writes more than the transition (the plan's
// review status, the documents of a submission) must be taken through that model, never through the
// bare transition: issue 17 found the one-click 검토 완료 moving the ticket on while the plan stayed
// 검토 대기 for everyone, to the end. So every one-click action names the function that takes it, and
// only the steps that are the transition and nothing more use `transitionOnly` (a unit test refuses it
// for an action some model takes with records of its own: tests/unit/one-click-steps.test.ts).
import type { Actor } from "~/auth/actor";
import { DomainError, type Action } from "~/domain";
import { acceptPlan, passReview, startFollowUp, type StepInput } from "./monitor-steps.server";
import { submitApplication } from "./ticket-page.server";
import { transitionTicket } from "./workflow.server";

export type OneClickStep = (actor: Actor, input: StepInput) => Promise<unknown>;

/**
 * The one-click steps that are the state change and nothing more (no record of their own). An action
 * whose model writes records (a model file takes it with `action: "…"`) must not be here.
 */
export const TRANSITION_ONLY_ACTIONS: readonly Action[] = ["start_review", "start_work"];

/** The one-click actions (SIMPLE_ACTIONS of the ticket page) and the function that takes each. */
export const ONE_CLICK_STEPS: Readonly<Partial<Record<Action, OneClickStep>>> = {
  ...Object.fromEntries(TRANSITION_ONLY_ACTIONS.map((action) => [action, transitionOnly(action)])),
  submit: (actor, input) => submitApplication(actor, input.ticketId, input.expectedVersion, input.today),
  pass_review: passReview,
  accept_plan: acceptPlan,
  start_follow_up: startFollowUp,
};

/** A step that is the state change and nothing more, taken by the workflow core. */
function transitionOnly(action: Action): OneClickStep {
  return (actor, input) => transitionTicket(actor, { ...input, action });
}

/** Takes a one-click step; an action without an entry is refused in Korean (it has its own page). */
export async function takeOneClickStep(actor: Actor, action: Action, input: StepInput): Promise<unknown> {
  const step = ONE_CLICK_STEPS[action];
  if (!step) throw new DomainError("not_one_click", "이 화면에서 할 수 없는 작업입니다.");
  return step(actor, input);
}
