-- CreateIndex
CREATE INDEX "Ticket_state_stateChangedAt_programId_idx" ON "Ticket"("state", "stateChangedAt", "programId");
