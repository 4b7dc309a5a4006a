-- CreateIndex
CREATE INDEX "Ticket_state_revisionDueOn_idx" ON "Ticket"("state", "revisionDueOn");

-- CreateIndex
CREATE INDEX "Ticket_programId_number_idx" ON "Ticket"("programId", "number");
