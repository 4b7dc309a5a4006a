// Saved queue filters (issue 15 item 5; ADR 027): a person names the dashboard's current filter set and
// comes back to it with one link. Each person sees and deletes only their own (every query is keyed by
// the actor's user id); the stored query is the dashboard's own query string, re-parsed by
// parseListFilters on every use, so a saved filter can never widen what the list shows.
import { z } from "zod";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain";
import { filtersQuery } from "~/components/monitor/query";
import { parseListFilters } from "./ticket-list.server";

export const SAVED_FILTER_LIMIT = 20;
export const SAVED_FILTER_NAME_MAX = 40;

export const SavedFilterNameSchema = z
  .string({ error: "필터 이름을 입력해 주세요." })
  .trim()
  .min(1, "필터 이름을 입력해 주세요.")
  .max(SAVED_FILTER_NAME_MAX, `필터 이름은 ${SAVED_FILTER_NAME_MAX}자 이하로 입력해 주세요.`);

/** The filters worth keeping, as the dashboard's query string (no cursor; unknown keys and bad values dropped). */
export function canonicalQuery(query: string): string {
  const filters = parseListFilters(new URLSearchParams(query.startsWith("?") ? query.slice(1) : query));
  return filtersQuery(filters);
}

export async function listSavedFilters(actor: Actor) {
  return prisma.savedFilter.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "asc" },
    take: SAVED_FILTER_LIMIT,
    select: { id: true, name: true, query: true },
  });
}

/**
 * Saves the filter set under `name` for the actor; the same name again replaces its query (the name is
 * the person's handle for it). At most SAVED_FILTER_LIMIT per person.
 */
export async function saveFilter(actor: Actor, input: { name: string; query: string }) {
  const parsed = SavedFilterNameSchema.safeParse(input.name);
  if (!parsed.success) throw new DomainError("filter_name", parsed.error.issues[0].message);
  const name = parsed.data;
  const query = canonicalQuery(input.query);
  if (!query) throw new DomainError("empty_filter", "저장할 필터가 없습니다. 목록 필터를 고른 뒤 저장해 주세요.");
  return prisma.$transaction(async (tx) => {
    const existing = await tx.savedFilter.findUnique({ where: { userId_name: { userId: actor.userId, name } }, select: { id: true } });
    if (existing) return tx.savedFilter.update({ where: { id: existing.id }, data: { query }, select: { id: true, name: true, query: true } });
    const count = await tx.savedFilter.count({ where: { userId: actor.userId } });
    if (count >= SAVED_FILTER_LIMIT) {
      throw new DomainError("too_many_filters", `저장한 필터는 ${SAVED_FILTER_LIMIT}개까지입니다. 쓰지 않는 필터를 지운 뒤 저장해 주세요.`);
    }
    return tx.savedFilter.create({ data: { userId: actor.userId, name, query }, select: { id: true, name: true, query: true } });
  });
}

/** Deletes one of the actor's saved filters; false when the actor has none by that id (someone else's included). */
export async function deleteSavedFilter(actor: Actor, id: string): Promise<boolean> {
  const deleted = await prisma.savedFilter.deleteMany({ where: { id, userId: actor.userId } });
  return deleted.count === 1;
}
