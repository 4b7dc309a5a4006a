-- AlterTable
ALTER TABLE "SiteEvaluation" ADD COLUMN "confirmedAt" DATETIME;
ALTER TABLE "SiteEvaluation" ADD COLUMN "confirmedById" TEXT;
ALTER TABLE "SiteEvaluation" ADD COLUMN "submittedById" TEXT;
ALTER TABLE "SiteEvaluation" ADD COLUMN "submittedByRole" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "actualCost" INTEGER;
ALTER TABLE "Ticket" ADD COLUMN "refundDue" INTEGER;
ALTER TABLE "Ticket" ADD COLUMN "settledSubsidy" INTEGER;

-- CreateTable
CREATE TABLE "AgreementVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "startOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "extensionMonths" INTEGER NOT NULL DEFAULT 0,
    "agreedCost" INTEGER NOT NULL,
    "subsidy" INTEGER NOT NULL,
    "companyShare" INTEGER NOT NULL,
    "quoteVersion" INTEGER,
    "planVersion" INTEGER,
    "changeRequestId" TEXT,
    "extensionId" TEXT,
    "summary" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgreementVersion_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "startOn" TEXT NOT NULL,
    "startReason" TEXT,
    "baseEndOn" TEXT NOT NULL,
    "agreedCost" INTEGER NOT NULL,
    "subsidy" INTEGER NOT NULL,
    "companyShare" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "preparedById" TEXT NOT NULL,
    "preparedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "AgreementDraft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "consentedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" DATETIME,
    CONSTRAINT "AgreementConsent_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "AgreementDraft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "role" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "conflictDeclaredAt" DATETIME,
    "conflictDeclaredById" TEXT,
    "conflictStatement" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "TicketAssignment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShareDeposit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "depositedOn" TEXT NOT NULL,
    "proofFileId" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    CONSTRAINT "ShareDeposit_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Settlement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "actualCost" INTEGER,
    "subsidy" INTEGER,
    "refundDue" INTEGER,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedById" TEXT,
    "submittedAt" DATETIME,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Settlement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SettlementEvidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "settlementId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "amount" INTEGER,
    "issuedOn" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SettlementEvidence_settlementId_fkey" FOREIGN KEY ("settlementId") REFERENCES "Settlement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartPurchase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "vendorName" TEXT NOT NULL,
    "vendorBusinessNumber" TEXT,
    "description" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "paidOn" TEXT NOT NULL,
    "paidInFullInAdvance" BOOLEAN NOT NULL,
    "proofFileId" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PartPurchase_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByRole" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "proposedLines" TEXT NOT NULL,
    "proposedTotal" INTEGER NOT NULL,
    "proposedScope" TEXT,
    "status" TEXT NOT NULL DEFAULT 'awaiting_counterpart',
    "counterpartId" TEXT,
    "counterpartAt" DATETIME,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "quoteId" TEXT,
    "planId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "ChangeRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "startOn" TEXT NOT NULL,
    "baseEndOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "extensionMonths" INTEGER NOT NULL DEFAULT 0,
    "agreedCost" INTEGER NOT NULL,
    "subsidy" INTEGER NOT NULL,
    "companyShare" INTEGER NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startReason" TEXT,
    "draftId" TEXT,
    "payeeBank" TEXT,
    "payeeAccount" TEXT,
    "payeeHolder" TEXT,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Agreement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Agreement" ("agreedCost", "baseEndOn", "companyShare", "endOn", "extensionMonths", "id", "signedAt", "signedById", "startOn", "subsidy", "ticketId") SELECT "agreedCost", "baseEndOn", "companyShare", "endOn", "extensionMonths", "id", "signedAt", "signedById", "startOn", "subsidy", "ticketId" FROM "Agreement";
DROP TABLE "Agreement";
ALTER TABLE "new_Agreement" RENAME TO "Agreement";
CREATE UNIQUE INDEX "Agreement_ticketId_key" ON "Agreement"("ticketId");
CREATE TABLE "new_CostReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "quoteTotal" INTEGER NOT NULL,
    "verifiedAmount" INTEGER NOT NULL,
    "resultOn" TEXT NOT NULL,
    "planChangeRequired" BOOLEAN NOT NULL DEFAULT false,
    "revisionDueOn" TEXT,
    "note" TEXT,
    "reviewerId" TEXT NOT NULL,
    "reviewerRole" TEXT NOT NULL DEFAULT 'monitor',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "reportFileId" TEXT,
    "confirmedAt" DATETIME,
    "confirmedById" TEXT,
    "decisionNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CostReview_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CostReview_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CostReview" ("createdAt", "id", "note", "planChangeRequired", "quoteId", "quoteTotal", "resultOn", "reviewerId", "revisionDueOn", "ticketId", "verifiedAmount") SELECT "createdAt", "id", "note", "planChangeRequired", "quoteId", "quoteTotal", "resultOn", "reviewerId", "revisionDueOn", "ticketId", "verifiedAmount" FROM "CostReview";
DROP TABLE "CostReview";
ALTER TABLE "new_CostReview" RENAME TO "CostReview";
CREATE INDEX "CostReview_ticketId_idx" ON "CostReview"("ticketId");
CREATE TABLE "new_ExtensionRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "months" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedByRole" TEXT NOT NULL DEFAULT 'manufacturer',
    "counterpartId" TEXT,
    "counterpartAt" DATETIME,
    "requestedById" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "newEndOn" TEXT,
    CONSTRAINT "ExtensionRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ExtensionRequest" ("decidedAt", "decidedById", "decisionNote", "id", "months", "newEndOn", "reason", "requestedAt", "requestedById", "status", "ticketId") SELECT "decidedAt", "decidedById", "decisionNote", "id", "months", "newEndOn", "reason", "requestedAt", "requestedById", "status", "ticketId" FROM "ExtensionRequest";
DROP TABLE "ExtensionRequest";
ALTER TABLE "new_ExtensionRequest" RENAME TO "ExtensionRequest";
CREATE INDEX "ExtensionRequest_ticketId_status_idx" ON "ExtensionRequest"("ticketId", "status");
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "paidOn" TEXT NOT NULL,
    "note" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "evidenceFileId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amount", "createdAt", "id", "note", "paidOn", "recordedById", "ticketId") SELECT "amount", "createdAt", "id", "note", "paidOn", "recordedById", "ticketId" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE INDEX "Payment_ticketId_idx" ON "Payment"("ticketId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AgreementVersion_ticketId_idx" ON "AgreementVersion"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementVersion_agreementId_version_key" ON "AgreementVersion"("agreementId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementDraft_ticketId_key" ON "AgreementDraft"("ticketId");

-- CreateIndex
CREATE INDEX "AgreementConsent_draftId_party_idx" ON "AgreementConsent"("draftId", "party");

-- CreateIndex
CREATE INDEX "AgreementConsent_ticketId_idx" ON "AgreementConsent"("ticketId");

-- CreateIndex
CREATE INDEX "TicketAssignment_ticketId_role_idx" ON "TicketAssignment"("ticketId", "role");

-- CreateIndex
CREATE INDEX "TicketAssignment_organizationId_endedAt_idx" ON "TicketAssignment"("organizationId", "endedAt");

-- CreateIndex
CREATE INDEX "ShareDeposit_ticketId_status_idx" ON "ShareDeposit"("ticketId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Settlement_ticketId_key" ON "Settlement"("ticketId");

-- CreateIndex
CREATE INDEX "SettlementEvidence_settlementId_idx" ON "SettlementEvidence"("settlementId");

-- CreateIndex
CREATE INDEX "PartPurchase_ticketId_idx" ON "PartPurchase"("ticketId");

-- CreateIndex
CREATE INDEX "ChangeRequest_ticketId_status_idx" ON "ChangeRequest"("ticketId", "status");

-- Data: sheets submitted before issue 16 were entered and submitted by the TP itself, so they stand confirmed.
UPDATE "SiteEvaluation" SET "confirmedAt" = "submittedAt", "confirmedById" = "enteredById", "submittedById" = "enteredById", "submittedByRole" = 'monitor'
WHERE "submittedAt" IS NOT NULL AND "confirmedAt" IS NULL;
-- Data: every concluded agreement has its first version, for the side-by-side view of later changes.
INSERT INTO "AgreementVersion" ("id", "agreementId", "ticketId", "version", "startOn", "endOn", "extensionMonths", "agreedCost", "subsidy", "companyShare", "summary", "createdById", "createdAt")
SELECT 'av1_' || "id", "id", "ticketId", 1, "startOn", "baseEndOn", 0, "agreedCost", "subsidy", "companyShare", '협약 체결', "signedById", "signedAt" FROM "Agreement";
