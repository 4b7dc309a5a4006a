// The loaders of the notice's forms (ADR 036): /tickets/:id/forms/<form>.pdf filled from the ticket, and
// /programs/:id/forms/<form>.pdf for the program page and the manufacturer's new application. One route file per
// URL (the isolation matrix asks each real URL); they differ only in the form and whose data fills it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireActor } from "~/auth/session.server";
import { programFormData, ticketFormData, type FormData } from "~/models/form-templates.server";
import { pdfResponse } from "~/pdf/pdf.server";
import { formAbout } from "~/pdf/forms/form-parts.server";
import { APPLICATION_FORM_TITLE, renderApplicationForm } from "~/pdf/forms/application-form.server";
import { INFO_USE_CONSENT_TITLE, renderInfoUseConsent } from "~/pdf/forms/info-use-consent.server";

export type FormKind = "application-form" | "info-use-consent";

const FORMS: Record<FormKind, { title: string; render: (data: FormData) => Promise<Buffer> }> = {
  "application-form": { title: APPLICATION_FORM_TITLE, render: renderApplicationForm },
  "info-use-consent": { title: INFO_USE_CONSENT_TITLE, render: renderInfoUseConsent },
};

const Id = z.string().min(1).max(64);

/** The download, named for what it was filled from: the ticket's number, else the company, else the program. */
async function formResponse(kind: FormKind, data: FormData | null): Promise<Response> {
  if (!data) throw new Response("양식을 찾을 수 없습니다.", { status: 404 });
  const form = FORMS[kind];
  return pdfResponse(await form.render(data), `${form.title} (${formAbout(data)}).pdf`);
}

/** A ticket's form: its manufacturer, its supplier and the program's TP; anyone else the ticket's 404. */
export async function ticketFormLoader(kind: FormKind, { request, params }: LoaderFunctionArgs): Promise<Response> {
  const actor = await requireActor(request);
  const id = Id.safeParse(params.ticketId);
  return formResponse(kind, id.success ? await ticketFormData(actor, id.data) : null);
}

/** A program's form: its TP's staff (blank) and a manufacturer of its region (its company filled in). */
export async function programFormLoader(kind: FormKind, { request, params }: LoaderFunctionArgs): Promise<Response> {
  const actor = await requireActor(request);
  const id = Id.safeParse(params.programId);
  return formResponse(kind, id.success ? await programFormData(actor, id.data) : null);
}
