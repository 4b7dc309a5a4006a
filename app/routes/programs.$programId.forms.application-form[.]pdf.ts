// /programs/:programId/forms/application-form.pdf — the notice's form for the program page and a new application (ADR 036).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { programFormLoader } from "~/utils/form-downloads.server";

export const loader = (args: LoaderFunctionArgs) => programFormLoader("application-form", args);
