// What a ticket step's action answers when it does not redirect: Conform's
// submission result (field errors, the values typed, list intents) plus what
// the page needs to explain a refusal. Shared by the server helper
// (ticket-step.server.ts) and the form components (components/step-form.tsx).
import type { SubmissionResult } from "@conform-to/react";

export type StepReply = {
  result: SubmissionResult<string[]>;
  /** The form that was submitted (its STEP_FORM_FIELD): a page may carry several. */
  form?: string;
  /** Someone else changed the ticket after this form was opened: nothing was saved. */
  conflict?: true;
  /** Why the rules refused the step (each a sentence), besides result.error[""] (the headline). */
  reasons?: string[];
};

/** Hidden field naming the form, so the page can tell its own submission apart. */
export const STEP_FORM_FIELD = "__step";
