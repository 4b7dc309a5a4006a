import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyUserSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return destroyUserSession(request);
}

// GET never signs out (no GET changes data): just go home.
export async function loader() {
  return redirect("/");
}
