-- DropIndex
DROP INDEX "Ticket_updatedAt_idx";

-- DropIndex
DROP INDEX "Ticket_state_revisionDueOn_idx";

-- DropIndex
DROP INDEX "Ticket_state_windowEndOn_idx";

-- DropIndex
DROP INDEX "Ticket_state_planDueOn_idx";

-- CreateIndex
CREATE INDEX "Ticket_state_planDueOn_programId_idx" ON "Ticket"("state", "planDueOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_state_revisionDueOn_programId_idx" ON "Ticket"("state", "revisionDueOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_state_windowEndOn_programId_idx" ON "Ticket"("state", "windowEndOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_id_programId_state_idx" ON "Ticket"("updatedAt", "id", "programId", "state");

-- CreateIndex
CREATE INDEX "Ticket_state_updatedAt_id_programId_idx" ON "Ticket"("state", "updatedAt", "id", "programId");
