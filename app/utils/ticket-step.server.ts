// One way to write a ticket step (see docs/decisions/013-ticket-steps-and-forms.md):
//
//   export const action = ticketStepAction({
//     roles: ["monitor"],
//     schema: CostReviewSchema,
//     run: ({ actor, ticketId, today, value }) => recordCostReview(actor, { ... }),
//     done: "원가적정성 검토 결과를 입력했습니다.",
//   });
//
// It requires the signed-in actor and the ticket in their scope (a foreign or
// missing ticket is the same 404, decided before the body is read), parses the
// form with Conform + zod (Korean field errors, the values typed sent back,
// list intents answered without JavaScript), runs the step, and answers a
// success with a redirect and a flash toast, a stale version with the conflict
// message, a refusal of the rules with its reasons — never a 500 for anything
// the model layer refuses on purpose — and a write that did not get the
// database in time with a 503 that keeps what was typed.
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { Actor } from "~/auth/actor";
import { requireActor } from "~/auth/session.server";
import { isDomainError, isExpertRole, seoulDate, type IsoDate, type Role } from "~/domain";
import { ticketPageOf } from "~/domain/expert-access";
import { expertGate } from "~/models/expert-access.server";
import { isVisibleTicket } from "~/models/ticket.server";
import { isDatabaseBusy } from "~/db.server";
import { log } from "./log.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors.server";
import { checkFormBounds } from "./form-bounds.server";
import { readForm, readUploadForm } from "./forms.server";
import { redirectWithToast } from "./toast.server";
import { STEP_FORM_FIELD, type StepReply } from "./step-reply";

/** Throws an HTTP answer when `condition` is falsy (404 unless told otherwise). */
export function invariantResponse(condition: unknown, message = "과제를 찾을 수 없습니다.", status = 404): asserts condition {
  if (!condition) throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function notFound(message = "과제를 찾을 수 없습니다."): never {
  throw new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const ParamsSchema = z.object({ ticketId: z.string().min(1).max(64) });

export type TicketStep = { actor: Actor; ticketId: string; today: IsoDate };

/**
 * The signed-in actor, the ticket id of the URL and today's Seoul date. With `roles`, other roles
 * get the same 404 as a foreign ticket (a step page is not theirs), or, with `forbidden` (a page they
 * read, a step they may not take), a 403 with that message once the ticket is known to be theirs.
 * With `checkScope` (actions),
 * the ticket must be in the actor's scope; loaders skip it because their scoped model query
 * returns null for a foreign ticket, which is the same 404.
 */
export async function requireTicketStep(
  request: Request,
  params: Record<string, string | undefined>,
  opts: { roles?: readonly Role[]; checkScope?: boolean; forbidden?: string } = {},
): Promise<TicketStep> {
  const actor = await requireActor(request);
  const otherRole = Boolean(opts.roles && !opts.roles.includes(actor.role));
  if (otherRole && !opts.forbidden) notFound("페이지를 찾을 수 없습니다.");
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  if (opts.checkScope && !(await isVisibleTicket(actor, parsed.data.ticketId))) notFound();
  await requireExpertPage(actor, request, parsed.data.ticketId);
  // a reader of the ticket who may not take this step is told so, after the scope check
  invariantResponse(!otherRole, opts.forbidden, 403);
  return { actor, ticketId: parsed.data.ticketId, today: seoulDate(new Date()) };
}

/**
 * The external evaluator and the cost-accounting agency open only their step's pages of a ticket assigned
 * to them (ADR 029): any other page is the 404 of a foreign ticket, and until they have declared no
 * conflict of interest every page sends them to the declaration. Checked here and in the ticket layout,
 * so no step route can forget it. Nothing for the other roles.
 */
export async function requireExpertPage(actor: Actor, request: Request, ticketId: string): Promise<void> {
  if (!isExpertRole(actor.role)) return;
  const gate = await expertGate(actor, ticketId, ticketPageOf(new URL(request.url).pathname, ticketId));
  if (gate === "hidden") notFound();
  if (gate === "declare") throw redirect(`/tickets/${ticketId}/conflict`);
}

/** A refusal in Korean, for actions that answer with a StepReply. */
function refusal(result: StepReply["result"], status: number, extra: Omit<StepReply, "result"> = {}) {
  return data<StepReply>({ result, ...extra }, { status });
}

/** Anything that can answer with Conform's reply (a parsed submission). */
type Replying = { reply: (options?: { formErrors?: string[] }) => StepReply["result"] };

/** Turns what the model layer throws on purpose into a StepReply, keeping what was typed. */
export function stepFailure(submission: Replying, error: unknown, form?: string) {
  if (error instanceof NotFoundError) notFound(error.message);
  if (error instanceof ConflictError) return refusal(submission.reply({ formErrors: [error.message] }), 409, { form, conflict: true });
  if (error instanceof ForbiddenError) return refusal(submission.reply({ formErrors: [error.message] }), 403, { form });
  if (isDomainError(error)) {
    const reasons = error.reasons.filter((r) => r !== error.message);
    return refusal(submission.reply({ formErrors: [error.message] }), 400, reasons.length ? { form, reasons: [...reasons] } : { form });
  }
  if (isDatabaseBusy(error)) {
    // nothing was written: the form comes back as typed, to be sent again (a 503, not the error page)
    log.warn({ err: error }, "a write did not get the database in time: answered 503 with the form kept");
    return refusal(submission.reply({ formErrors: [DATABASE_BUSY] }), 503, { form });
  }
  throw error;
}

/** What a person is told when their write did not get the database in time (isDatabaseBusy). */
export const DATABASE_BUSY =
  "지금 저장하려는 요청이 많아 이번 요청은 저장하지 못했습니다. 입력한 내용은 그대로 있으니 잠시 후 다시 제출해 주세요.";

type Done = string | { message: string; to?: string };

export type StepActionConfig<S extends z.ZodType, R> = {
  /** Roles that may take this step; others get the 404 of a foreign ticket (or `forbidden`'s 403). */
  roles?: readonly Role[];
  /** For a step on a page other roles read: the Korean 403 they get instead of the 404. */
  forbidden?: string;
  schema: S;
  /** The step itself: a model call, scoped by the actor. Throw model/domain errors, never Response. */
  run: (args: TicketStep & { value: z.output<S>; request: Request; form: FormData }) => Promise<R>;
  /** The success message (and where to go, default: the same page). */
  done: Done | ((result: R, args: TicketStep & { value: z.output<S> }) => Done);
  /** The page's forms may carry files (multipart, readStepUpload's limits); an unreadable body is refused on this form. */
  uploads?: string;
};

/**
 * The body of a step form that may carry files, or the refusal to return as it is (a file too
 * large, a body cut short): shown on the form `name`, since nothing of the body could be read.
 */
export async function readStepUpload(
  request: Request,
  name: string,
): Promise<{ form: FormData; refused?: undefined } | { form?: undefined; refused: ReturnType<typeof refusal> }> {
  try {
    return { form: await readUploadForm(request) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return {
      refused: refusal({ status: "error", error: { "": [error.message] } }, error.code === "upload_too_large" ? 413 : 400, { form: name }),
    };
  }
}

/** The name the page gave the submitted form (see StepForm), if any. */
export function formName(form: FormData): string | undefined {
  const name = form.get(STEP_FORM_FIELD);
  return typeof name === "string" && name.length <= 64 ? name : undefined;
}

/**
 * Parses a submitted form with Conform. A form that names more rows than its schema's lists allow,
 * rows of a list the schema does not have, or an intent our pages never send is a Korean 400 before
 * any row is built (see form-bounds.server.ts).
 */
export function parseStepForm<S extends z.ZodType>(form: FormData, schema: S) {
  const refused = checkFormBounds(form, schema);
  if (refused) throw new Response(refused.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return parseWithZod(form, { schema, disableAutoCoercion: true });
}

export function ticketStepAction<S extends z.ZodType, R>(config: StepActionConfig<S, R>) {
  return async function action({ request, params }: ActionFunctionArgs) {
    const step = await requireTicketStep(request, params, { roles: config.roles, forbidden: config.forbidden, checkScope: true });
    const body = config.uploads ? await readStepUpload(request, config.uploads) : { form: await readForm(request) };
    if (body.refused) return body.refused;
    const form = body.form;
    const submission = parseStepForm(form, config.schema);
    const name = formName(form);
    // list intents (add / remove a row) come back with the form as it now is, without JavaScript too
    if (submission.status !== "success") return refusal(submission.reply(), submission.status === "error" ? 400 : 200, { form: name });
    try {
      const result = await config.run({ ...step, value: submission.value, request, form });
      const done = typeof config.done === "function" ? config.done(result, { ...step, value: submission.value }) : config.done;
      const { message, to } = typeof done === "string" ? { message: done, to: undefined } : done;
      return await redirectWithToast(to ?? new URL(request.url).pathname, message);
    } catch (error) {
      return stepFailure(submission, error, name);
    }
  };
}
