// The page of a mailed link that cannot be used (expired, used, forged, …): what happened, in Korean, and
// where to go next. One look for every link page (invitation; the reset and confirmation pages could share it).
import { Link } from "@remix-run/react";
import { Fragment } from "react";

export function LinkRefused({ title, text, links }: { title: string; text: string; links: { to: string; label: string }[] }) {
  return (
    <div className="login-wrap">
      <div className="card">
        <h1>{title}</h1>
        <p role="alert">{text}</p>
        <p>
          {links.map((link, i) => (
            <Fragment key={link.to}>
              {i > 0 ? " · " : null}
              <Link to={link.to}>{link.label}</Link>
            </Fragment>
          ))}
        </p>
      </div>
    </div>
  );
}
