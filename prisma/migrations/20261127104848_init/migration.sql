-- CreateTable
CREATE TABLE "Program" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Program_technoparkId_fkey" FOREIGN KEY ("technoparkId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "businessNumber" TEXT NOT NULL,
    "representative" TEXT,
    "address" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "phone" TEXT,
    "eligibilityBasis" TEXT,
    "diffusionCompletionYear" INTEGER,
    "levelCertificateNumber" TEXT,
    "localProgramYear" INTEGER,
    "freeWarrantyEndsOn" TEXT,
    "paidMaintenanceContract" BOOLEAN NOT NULL DEFAULT false,
    "maintenanceNote" TEXT,
    "promisingSmeCertified" BOOLEAN NOT NULL DEFAULT false,
    "promisingSmeCertNumber" TEXT,
    "closedOrSuspended" BOOLEAN NOT NULL DEFAULT false,
    "taxDelinquent" BOOLEAN NOT NULL DEFAULT false,
    "sanctioned" BOOLEAN NOT NULL DEFAULT false,
    "canSelfService" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SmartFactorySystem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendorName" TEXT,
    "buildYear" INTEGER,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SmartFactorySystem_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SmartFactoryHardware" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "systemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "model" TEXT,
    "serialNumber" TEXT,
    "note" TEXT,
    CONSTRAINT "SmartFactoryHardware_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "SmartFactorySystem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "phone" TEXT,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ipAddress" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ticket" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_manufacturerId_fkey" FOREIGN KEY ("manufacturerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "SmartFactorySystem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketSupportType" (
    "ticketId" TEXT NOT NULL,
    "type" TEXT NOT NULL,

    PRIMARY KEY ("ticketId", "type"),
    CONSTRAINT "TicketSupportType_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestedItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "supportType" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "isStandaloneEquipment" BOOLEAN NOT NULL DEFAULT false,
    "isOfficeIt" BOOLEAN NOT NULL DEFAULT false,
    "isRentalOrSubscription" BOOLEAN NOT NULL DEFAULT false,
    "isPeriodicConsumable" BOOLEAN NOT NULL DEFAULT false,
    "underWarranty" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "RequestedItem_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mimeType" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApplicationDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fiscalYear" INTEGER,
    "issuedOn" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "attachedAtApplication" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApplicationDocument_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApplicationDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequirementReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "fixList" TEXT,
    "reason" TEXT,
    "reviewerId" TEXT NOT NULL,
    "reviewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequirementReview_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteEvaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "evaluatorName" TEXT NOT NULL,
    "evaluatedOn" TEXT NOT NULL,
    "bonusPoints" INTEGER NOT NULL DEFAULT 0,
    "totalScore" INTEGER NOT NULL DEFAULT 0,
    "passed" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "submittedAt" DATETIME,
    "enteredById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SiteEvaluation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteEvaluationScore" (
    "evaluationId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "points" INTEGER NOT NULL,

    PRIMARY KEY ("evaluationId", "itemKey"),
    CONSTRAINT "SiteEvaluationScore_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "SiteEvaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteEvaluationCheck" (
    "evaluationId" TEXT NOT NULL,
    "checkKey" TEXT NOT NULL,
    "holds" BOOLEAN NOT NULL,
    "note" TEXT,

    PRIMARY KEY ("evaluationId", "checkKey"),
    CONSTRAINT "SiteEvaluationCheck_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "SiteEvaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Quote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "quoteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "verifiedAmount" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExecutionPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "staff" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "isRevision" BOOLEAN NOT NULL DEFAULT false,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reviewStatus" TEXT NOT NULL DEFAULT 'pending',
    "reviewNote" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ExecutionPlan_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanMilestone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "deliverable" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PlanMilestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ExecutionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostReview" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CostReview_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CostReview_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agreement" (
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
    CONSTRAINT "Agreement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "paidOn" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "months" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "newEndOn" TEXT,
    CONSTRAINT "ExtensionRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "workedOn" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "disputeComment" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "swVersionBefore" TEXT,
    "swVersionAfter" TEXT,
    "trainingAttendees" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkLog_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkLogPart" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workLogId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "oldSerial" TEXT,
    "newSerial" TEXT,
    CONSTRAINT "WorkLogPart_workLogId_fkey" FOREIGN KEY ("workLogId") REFERENCES "WorkLog" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "workLogId" TEXT,
    "completionReportId" TEXT,
    CONSTRAINT "Attachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_workLogId_fkey" FOREIGN KEY ("workLogId") REFERENCES "WorkLog" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_completionReportId_fkey" FOREIGN KEY ("completionReportId") REFERENCES "CompletionReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompletionReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CompletionReport_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CompletionCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "findings" TEXT,
    "checkedOn" TEXT NOT NULL,
    "checkerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CompletionCheck_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUpNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "notedOn" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FollowUpNote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" TEXT,
    "programId" TEXT,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "ticketVersion" INTEGER,
    "summary" TEXT NOT NULL,
    "data" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "ticketId" TEXT,
    "eventSeq" INTEGER,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Program_technoparkId_year_idx" ON "Program"("technoparkId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Program_technoparkId_noticeNumber_key" ON "Program"("technoparkId", "noticeNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_businessNumber_key" ON "Organization"("businessNumber");

-- CreateIndex
CREATE INDEX "Organization_kind_name_idx" ON "Organization"("kind", "name");

-- CreateIndex
CREATE INDEX "SmartFactorySystem_organizationId_idx" ON "SmartFactorySystem"("organizationId");

-- CreateIndex
CREATE INDEX "SmartFactoryHardware_systemId_idx" ON "SmartFactoryHardware"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_programId_state_idx" ON "Ticket"("programId", "state");

-- CreateIndex
CREATE INDEX "Ticket_programId_updatedAt_idx" ON "Ticket"("programId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_manufacturerId_updatedAt_idx" ON "Ticket"("manufacturerId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_supplierId_state_idx" ON "Ticket"("supplierId", "state");

-- CreateIndex
CREATE INDEX "Ticket_supplierId_updatedAt_idx" ON "Ticket"("supplierId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_state_planDueOn_idx" ON "Ticket"("state", "planDueOn");

-- CreateIndex
CREATE INDEX "Ticket_state_windowEndOn_idx" ON "Ticket"("state", "windowEndOn");

-- CreateIndex
CREATE INDEX "RequestedItem_ticketId_idx" ON "RequestedItem"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_storagePath_key" ON "StoredFile"("storagePath");

-- CreateIndex
CREATE INDEX "ApplicationDocument_ticketId_kind_idx" ON "ApplicationDocument"("ticketId", "kind");

-- CreateIndex
CREATE INDEX "RequirementReview_ticketId_idx" ON "RequirementReview"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "SiteEvaluation_ticketId_key" ON "SiteEvaluation"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_ticketId_version_key" ON "Quote"("ticketId", "version");

-- CreateIndex
CREATE INDEX "QuoteLine_quoteId_idx" ON "QuoteLine"("quoteId");

-- CreateIndex
CREATE UNIQUE INDEX "ExecutionPlan_ticketId_version_key" ON "ExecutionPlan"("ticketId", "version");

-- CreateIndex
CREATE INDEX "PlanMilestone_planId_idx" ON "PlanMilestone"("planId");

-- CreateIndex
CREATE INDEX "CostReview_ticketId_idx" ON "CostReview"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_ticketId_key" ON "Agreement"("ticketId");

-- CreateIndex
CREATE INDEX "Payment_ticketId_idx" ON "Payment"("ticketId");

-- CreateIndex
CREATE INDEX "ExtensionRequest_ticketId_status_idx" ON "ExtensionRequest"("ticketId", "status");

-- CreateIndex
CREATE INDEX "WorkLog_ticketId_workedOn_idx" ON "WorkLog"("ticketId", "workedOn");

-- CreateIndex
CREATE INDEX "WorkLog_ticketId_status_idx" ON "WorkLog"("ticketId", "status");

-- CreateIndex
CREATE INDEX "WorkLogPart_workLogId_idx" ON "WorkLogPart"("workLogId");

-- CreateIndex
CREATE INDEX "Attachment_workLogId_idx" ON "Attachment"("workLogId");

-- CreateIndex
CREATE INDEX "Attachment_completionReportId_idx" ON "Attachment"("completionReportId");

-- CreateIndex
CREATE INDEX "CompletionReport_ticketId_idx" ON "CompletionReport"("ticketId");

-- CreateIndex
CREATE INDEX "CompletionCheck_ticketId_idx" ON "CompletionCheck"("ticketId");

-- CreateIndex
CREATE INDEX "FollowUpNote_ticketId_idx" ON "FollowUpNote"("ticketId");

-- CreateIndex
CREATE INDEX "AuditEvent_ticketId_seq_idx" ON "AuditEvent"("ticketId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_programId_seq_idx" ON "AuditEvent"("programId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");
