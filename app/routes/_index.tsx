import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/session.server";

/** Each role's home is its scoped ticket list. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return redirect("/tickets");
}
