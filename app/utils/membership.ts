// What the membership pages and their models share, importable by the browser bundle too.

/** How long an invitation link works (docs/decisions/021). */
export const INVITATION_VALID_DAYS = 7;

export const ORGANIZATION_MISSING = "기관을 찾을 수 없습니다.";
