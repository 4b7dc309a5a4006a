-- CreateIndex
CREATE INDEX "Ticket_updatedAt_idx" ON "Ticket"("updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_programId_state_supplierId_subsidy_idx" ON "Ticket"("programId", "state", "supplierId", "subsidy");
