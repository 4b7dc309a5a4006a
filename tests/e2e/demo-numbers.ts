// The demo's ticket numbers as the server under test seeded them (AS-<program year>-NNNN, where the program
// year follows the seeding day: prisma/demo-calendar.ts). Specs write `${AS}0004` for the demo's fourth ticket.
import { demoTicketNumber } from "../../prisma/demo-calendar";
import { seoulToday } from "./fixtures";

/** "AS-2026-" when the demo was seeded in (most of) 2026. */
export const AS = demoTicketNumber(0, seoulToday()).slice(0, -4);
