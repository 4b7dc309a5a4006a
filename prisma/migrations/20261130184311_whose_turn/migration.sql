-- CreateTable
CREATE TABLE "TicketQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromRole" TEXT NOT NULL,
    "toRole" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answeredAt" DATETIME,
    "closedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TicketQuestion_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketMessage_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "TicketQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "runOn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReminderSent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "workLogId" TEXT,
    "completionReportId" TEXT,
    "messageId" TEXT,
    CONSTRAINT "Attachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_workLogId_fkey" FOREIGN KEY ("workLogId") REFERENCES "WorkLog" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_completionReportId_fkey" FOREIGN KEY ("completionReportId") REFERENCES "CompletionReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "TicketMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attachment" ("completionReportId", "fileId", "id", "purpose", "workLogId") SELECT "completionReportId", "fileId", "id", "purpose", "workLogId" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_workLogId_idx" ON "Attachment"("workLogId");
CREATE INDEX "Attachment_completionReportId_idx" ON "Attachment"("completionReportId");
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");
CREATE TABLE "new_Program" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "noticeNumber" TEXT NOT NULL,
    "technoparkId" TEXT NOT NULL,
    "subsidyRateBp" INTEGER NOT NULL,
    "subsidyCap" INTEGER NOT NULL,
    "subsidyBudget" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "baseMonths" INTEGER NOT NULL,
    "maxExtensionMonths" INTEGER NOT NULL,
    "planDueDays" INTEGER NOT NULL,
    "revisionDueDays" INTEGER NOT NULL,
    "passMark" INTEGER NOT NULL,
    "documentValidityMonths" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "localProgramSinceYear" INTEGER NOT NULL,
    "intakeOpensOn" TEXT NOT NULL,
    "intakeClosesOn" TEXT,
    "reviewTargetDays" INTEGER NOT NULL DEFAULT 7,
    "evaluationTargetDays" INTEGER NOT NULL DEFAULT 14,
    "planReviewTargetDays" INTEGER NOT NULL DEFAULT 7,
    "paymentTargetDays" INTEGER NOT NULL DEFAULT 7,
    "completionCheckTargetDays" INTEGER NOT NULL DEFAULT 14,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Program_technoparkId_fkey" FOREIGN KEY ("technoparkId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Program" ("baseMonths", "capacity", "createdAt", "documentValidityMonths", "id", "intakeClosesOn", "intakeOpensOn", "localProgramSinceYear", "maxExtensionMonths", "name", "noticeNumber", "passMark", "planDueDays", "region", "revisionDueDays", "subsidyBudget", "subsidyCap", "subsidyRateBp", "technoparkId", "updatedAt", "version", "year") SELECT "baseMonths", "capacity", "createdAt", "documentValidityMonths", "id", "intakeClosesOn", "intakeOpensOn", "localProgramSinceYear", "maxExtensionMonths", "name", "noticeNumber", "passMark", "planDueDays", "region", "revisionDueDays", "subsidyBudget", "subsidyCap", "subsidyRateBp", "technoparkId", "updatedAt", "version", "year" FROM "Program";
DROP TABLE "Program";
ALTER TABLE "new_Program" RENAME TO "Program";
CREATE INDEX "Program_technoparkId_year_idx" ON "Program"("technoparkId", "year");
CREATE UNIQUE INDEX "Program_technoparkId_noticeNumber_key" ON "Program"("technoparkId", "noticeNumber");
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "manufacturerId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "targetSystemId" TEXT,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "desiredOutcome" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" DATETIME,
    "selectionNoticeOn" TEXT,
    "planDueOn" TEXT,
    "revisionDueOn" TEXT,
    "windowEndOn" TEXT,
    "quoteTotal" INTEGER,
    "agreedCost" INTEGER,
    "subsidy" INTEGER,
    "companyShare" INTEGER,
    "stateChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelReason" TEXT,
    "notSelectedReason" TEXT,
    "assigneeId" TEXT,
    "assignedAt" DATETIME,
    "submittedFacts" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_manufacturerId_fkey" FOREIGN KEY ("manufacturerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "SmartFactorySystem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Ticket" ("agreedCost", "cancelReason", "companyShare", "createdAt", "desiredOutcome", "id", "manufacturerId", "number", "planDueOn", "problem", "programId", "quoteTotal", "revisionDueOn", "selectionNoticeOn", "state", "stateChangedAt", "submittedAt", "submittedFacts", "subsidy", "supplierId", "targetSystemId", "title", "updatedAt", "version", "windowEndOn") SELECT "agreedCost", "cancelReason", "companyShare", "createdAt", "desiredOutcome", "id", "manufacturerId", "number", "planDueOn", "problem", "programId", "quoteTotal", "revisionDueOn", "selectionNoticeOn", "state", "stateChangedAt", "submittedAt", "submittedFacts", "subsidy", "supplierId", "targetSystemId", "title", "updatedAt", "version", "windowEndOn" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");
CREATE INDEX "Ticket_programId_state_idx" ON "Ticket"("programId", "state");
CREATE INDEX "Ticket_assigneeId_state_idx" ON "Ticket"("assigneeId", "state");
CREATE INDEX "Ticket_programId_updatedAt_idx" ON "Ticket"("programId", "updatedAt");
CREATE INDEX "Ticket_manufacturerId_updatedAt_idx" ON "Ticket"("manufacturerId", "updatedAt");
CREATE INDEX "Ticket_supplierId_state_idx" ON "Ticket"("supplierId", "state");
CREATE INDEX "Ticket_supplierId_updatedAt_idx" ON "Ticket"("supplierId", "updatedAt");
CREATE INDEX "Ticket_state_planDueOn_programId_idx" ON "Ticket"("state", "planDueOn", "programId");
CREATE INDEX "Ticket_state_revisionDueOn_programId_idx" ON "Ticket"("state", "revisionDueOn", "programId");
CREATE INDEX "Ticket_state_windowEndOn_programId_idx" ON "Ticket"("state", "windowEndOn", "programId");
CREATE INDEX "Ticket_programId_number_idx" ON "Ticket"("programId", "number");
CREATE INDEX "Ticket_updatedAt_id_programId_state_idx" ON "Ticket"("updatedAt", "id", "programId", "state");
CREATE INDEX "Ticket_state_updatedAt_id_programId_idx" ON "Ticket"("state", "updatedAt", "id", "programId");
CREATE INDEX "Ticket_programId_state_supplierId_subsidy_idx" ON "Ticket"("programId", "state", "supplierId", "subsidy");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TicketQuestion_ticketId_status_idx" ON "TicketQuestion"("ticketId", "status");

-- CreateIndex
CREATE INDEX "TicketQuestion_toRole_status_ticketId_idx" ON "TicketQuestion"("toRole", "status", "ticketId");

-- CreateIndex
CREATE INDEX "TicketMessage_questionId_createdAt_idx" ON "TicketMessage"("questionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSent_ticketId_deadline_dueOn_threshold_key" ON "ReminderSent"("ticketId", "deadline", "dueOn", "threshold");

-- CreateIndex
CREATE UNIQUE INDEX "SavedFilter_userId_name_key" ON "SavedFilter"("userId", "name");
