// The demo's ticket numbers as the server under test seeded them (AS-<program year>-NNNN, where the program
// year follows the seeding day: prisma/demo-calendar.ts). Specs write `${AS}0004` for the demo's fourth ticket.
import { demoProgramYear, demoTicketNumber } from "../../prisma/demo-calendar";
import { seoulToday } from "./fixtures";

/** "AS-2026-" when the demo was seeded in (most of) 2026. */
export const AS = demoTicketNumber(0, seoulToday()).slice(0, -4);

/** The demo program's year, name and notice number as seeded (e.g. 2026, "2026년 스마트공장 AS지원사업 (경기)"). */
export const DEMO_YEAR = demoProgramYear(seoulToday());
export const DEMO_PROGRAM = `${DEMO_YEAR}년 스마트공장 AS지원사업 (경기)`;
export const DEMO_NOTICE = `경기테크노파크 공고 제${DEMO_YEAR}-5호`;
