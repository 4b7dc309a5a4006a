// A step that cannot be undone is confirmed on a page of its own (ADR 028). What the first post of such
// a step answers: the form checked, nothing written, and the values the confirmation form posts again.
// Shared by the server helper (confirm-step.server.ts) and the page component (components/confirm-step.tsx).
import type { StepReply } from "./step-reply";

/** Posted by the confirmation form: "yes" takes the step, "edit" shows the form again with what was typed. */
export const CONFIRMED_FIELD = "confirmed";

export type ConfirmReply = StepReply & {
  /** The checked values to post again with CONFIRMED_FIELD=yes (hidden fields of the confirmation form). */
  confirm?: Record<string, string>;
};
