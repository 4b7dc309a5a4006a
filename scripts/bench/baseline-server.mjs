// The baseline for `npm run bench`: a bare Express endpoint that returns 50
// rows of tickets as JSON straight from better-sqlite3 (one prepared
// statement, no session, no rendering). Whatever the product does on top of
// this is what its pages cost.
import express from "express";
import Database from "better-sqlite3";

const file = process.env.BENCH_DB;
const port = Number(process.env.PORT);
const db = new Database(file, { readonly: true, fileMustExist: true });
const page = db.prepare(
  `SELECT id, number, title, state, planDueOn, windowEndOn, quoteTotal, agreedCost, updatedAt
     FROM Ticket ORDER BY rowid DESC LIMIT 50`,
);
const app = express();
app.disable("x-powered-by");
app.get("/tickets.json", (_req, res) => res.json(page.all()));
app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
app.listen(port, "127.0.0.1", () => console.log(`baseline on ${port}`));
