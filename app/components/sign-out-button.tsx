import { Form } from "@remix-run/react";

/** For the pages a waiting person sees (the main navigation shows them no account menu). */
export function SignOutButton() {
  return (
    <Form method="post" action="/logout">
      <button type="submit" className="secondary">
        로그아웃
      </button>
    </Form>
  );
}
