-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "year" BIGINT NOT NULL,
    "noticeNumber" TEXT NOT NULL,
    "technoparkId" TEXT NOT NULL,
    "subsidyRateBp" BIGINT NOT NULL,
    "subsidyCap" BIGINT NOT NULL,
    "subsidyBudget" BIGINT NOT NULL,
    "capacity" BIGINT NOT NULL,
    "baseMonths" BIGINT NOT NULL,
    "maxExtensionMonths" BIGINT NOT NULL,
    "planDueDays" BIGINT NOT NULL,
    "revisionDueDays" BIGINT NOT NULL,
    "passMark" BIGINT NOT NULL,
    "documentValidityMonths" BIGINT NOT NULL,
    "region" TEXT NOT NULL,
    "localProgramSinceYear" BIGINT NOT NULL,
    "intakeOpensOn" TEXT NOT NULL,
    "intakeClosesOn" TEXT,
    "reviewTargetDays" BIGINT NOT NULL DEFAULT 7,
    "evaluationTargetDays" BIGINT NOT NULL DEFAULT 14,
    "planReviewTargetDays" BIGINT NOT NULL DEFAULT 7,
    "paymentTargetDays" BIGINT NOT NULL DEFAULT 7,
    "completionCheckTargetDays" BIGINT NOT NULL DEFAULT 14,
    "version" BIGINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "businessNumber" TEXT NOT NULL,
    "representative" TEXT,
    "address" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "phone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "statusChangedById" TEXT,
    "eligibilityBasis" TEXT,
    "diffusionCompletionYear" BIGINT,
    "levelCertificateNumber" TEXT,
    "localProgramYear" BIGINT,
    "freeWarrantyEndsOn" TEXT,
    "paidMaintenanceContract" BOOLEAN NOT NULL DEFAULT false,
    "maintenanceNote" TEXT,
    "promisingSmeCertified" BOOLEAN NOT NULL DEFAULT false,
    "promisingSmeCertNumber" TEXT,
    "closedOrSuspended" BOOLEAN NOT NULL DEFAULT false,
    "taxDelinquent" BOOLEAN NOT NULL DEFAULT false,
    "sanctioned" BOOLEAN NOT NULL DEFAULT false,
    "canSelfService" BOOLEAN NOT NULL DEFAULT false,
    "version" BIGINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartFactorySystem" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendorName" TEXT,
    "buildYear" BIGINT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmartFactorySystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartFactoryHardware" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "model" TEXT,
    "serialNumber" TEXT,
    "note" TEXT,

    CONSTRAINT "SmartFactoryHardware_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "phone" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "emailVerifiedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusChangedAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" BIGINT NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "heldUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "manufacturerId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "targetSystemId" TEXT,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "desiredOutcome" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "version" BIGINT NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "selectionNoticeOn" TEXT,
    "planDueOn" TEXT,
    "revisionDueOn" TEXT,
    "windowEndOn" TEXT,
    "quoteTotal" BIGINT,
    "agreedCost" BIGINT,
    "subsidy" BIGINT,
    "companyShare" BIGINT,
    "actualCost" BIGINT,
    "settledSubsidy" BIGINT,
    "refundDue" BIGINT,
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelReason" TEXT,
    "notSelectedReason" TEXT,
    "assigneeId" TEXT,
    "assignedAt" TIMESTAMP(3),
    "submittedFacts" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketSupportType" (
    "ticketId" TEXT NOT NULL,
    "type" TEXT NOT NULL,

    CONSTRAINT "TicketSupportType_pkey" PRIMARY KEY ("ticketId","type")
);

-- CreateTable
CREATE TABLE "RequestedItem" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "supportType" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL DEFAULT 1,
    "isStandaloneEquipment" BOOLEAN NOT NULL DEFAULT false,
    "isOfficeIt" BOOLEAN NOT NULL DEFAULT false,
    "isRentalOrSubscription" BOOLEAN NOT NULL DEFAULT false,
    "isPeriodicConsumable" BOOLEAN NOT NULL DEFAULT false,
    "underWarranty" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RequestedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationDocument" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fiscalYear" BIGINT,
    "issuedOn" TEXT,
    "fileId" TEXT NOT NULL,
    "attachedAtApplication" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequirementReview" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "fixList" TEXT,
    "reason" TEXT,
    "reviewerId" TEXT NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequirementReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteEvaluation" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "evaluatorName" TEXT NOT NULL,
    "evaluatedOn" TEXT NOT NULL,
    "bonusPoints" BIGINT NOT NULL DEFAULT 0,
    "totalScore" BIGINT NOT NULL DEFAULT 0,
    "passed" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "submittedAt" TIMESTAMP(3),
    "enteredById" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedByRole" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "version" BIGINT NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SiteEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteEvaluationScore" (
    "evaluationId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "points" BIGINT NOT NULL,

    CONSTRAINT "SiteEvaluationScore_pkey" PRIMARY KEY ("evaluationId","itemKey")
);

-- CreateTable
CREATE TABLE "SiteEvaluationCheck" (
    "evaluationId" TEXT NOT NULL,
    "checkKey" TEXT NOT NULL,
    "holds" BOOLEAN NOT NULL,
    "note" TEXT,

    CONSTRAINT "SiteEvaluationCheck_pkey" PRIMARY KEY ("evaluationId","checkKey")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "note" TEXT,
    "signedFileId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuoteLine" (
    "id" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL,
    "unitPrice" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "verifiedAmount" BIGINT,
    "sortOrder" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "QuoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutionPlan" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "staff" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "isRevision" BOOLEAN NOT NULL DEFAULT false,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reviewStatus" TEXT NOT NULL DEFAULT 'pending',
    "reviewNote" TEXT,
    "formFileId" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanMilestone" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "deliverable" TEXT NOT NULL,
    "sortOrder" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PlanMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostReview" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "quoteTotal" BIGINT NOT NULL,
    "verifiedAmount" BIGINT NOT NULL,
    "resultOn" TEXT NOT NULL,
    "planChangeRequired" BOOLEAN NOT NULL DEFAULT false,
    "revisionDueOn" TEXT,
    "note" TEXT,
    "reviewerId" TEXT NOT NULL,
    "reviewerRole" TEXT NOT NULL DEFAULT 'monitor',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "reportFileId" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "confirmedById" TEXT,
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "startOn" TEXT NOT NULL,
    "baseEndOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "extensionMonths" BIGINT NOT NULL DEFAULT 0,
    "agreedCost" BIGINT NOT NULL,
    "subsidy" BIGINT NOT NULL,
    "companyShare" BIGINT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startReason" TEXT,
    "draftId" TEXT,
    "payeeBank" TEXT,
    "payeeAccount" TEXT,
    "payeeHolder" TEXT,
    "currentVersion" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementVersion" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "startOn" TEXT NOT NULL,
    "endOn" TEXT NOT NULL,
    "extensionMonths" BIGINT NOT NULL DEFAULT 0,
    "agreedCost" BIGINT NOT NULL,
    "subsidy" BIGINT NOT NULL,
    "companyShare" BIGINT NOT NULL,
    "quoteVersion" BIGINT,
    "planVersion" BIGINT,
    "changeRequestId" TEXT,
    "extensionId" TEXT,
    "summary" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementDraft" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "startOn" TEXT NOT NULL,
    "startReason" TEXT,
    "baseEndOn" TEXT NOT NULL,
    "agreedCost" BIGINT NOT NULL,
    "subsidy" BIGINT NOT NULL,
    "companyShare" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "preparedById" TEXT NOT NULL,
    "preparedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "AgreementDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementConsent" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "consentedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "AgreementConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAssignment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT,
    "role" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "conflictDeclaredAt" TIMESTAMP(3),
    "conflictDeclaredById" TEXT,
    "conflictStatement" TEXT,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "TicketAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareDeposit" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "depositedOn" TEXT NOT NULL,
    "proofFileId" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "ShareDeposit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Settlement" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "actualCost" BIGINT,
    "subsidy" BIGINT,
    "refundDue" BIGINT,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "Settlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SettlementEvidence" (
    "id" TEXT NOT NULL,
    "settlementId" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "amount" BIGINT,
    "issuedOn" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettlementEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartPurchase" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "vendorName" TEXT NOT NULL,
    "vendorBusinessNumber" TEXT,
    "description" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "paidInFullInAdvance" BOOLEAN NOT NULL,
    "proofFileId" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartPurchase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByRole" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "proposedLines" TEXT NOT NULL,
    "proposedTotal" BIGINT NOT NULL,
    "proposedScope" TEXT,
    "status" TEXT NOT NULL DEFAULT 'awaiting_counterpart',
    "counterpartId" TEXT,
    "counterpartAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "quoteId" TEXT,
    "planId" TEXT,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "note" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "evidenceFileId" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "months" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedByRole" TEXT NOT NULL DEFAULT 'manufacturer',
    "counterpartId" TEXT,
    "counterpartAt" TIMESTAMP(3),
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "newEndOn" TEXT,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkLog" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "workedOn" TEXT NOT NULL,
    "minutes" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "disputeComment" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "swVersionBefore" TEXT,
    "swVersionAfter" TEXT,
    "trainingAttendees" TEXT,
    "version" BIGINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkLogPart" (
    "id" TEXT NOT NULL,
    "workLogId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "oldSerial" TEXT,
    "newSerial" TEXT,

    CONSTRAINT "WorkLogPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "workLogId" TEXT,
    "completionReportId" TEXT,
    "messageId" TEXT,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionReport" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompletionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionCheck" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "findings" TEXT,
    "checkedOn" TEXT NOT NULL,
    "checkerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompletionCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpNote" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "notedOn" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "ticketId" TEXT,
    "programId" TEXT,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "ticketVersion" BIGINT,
    "summary" TEXT NOT NULL,
    "data" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ticketId" TEXT,
    "eventSeq" BIGINT,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "readAt" TIMESTAMP(3),
    "kind" TEXT NOT NULL DEFAULT 'ticket',
    "mailedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailToken" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "organizationId" TEXT,
    "invitedById" TEXT,
    "role" TEXT,
    "makeAdmin" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "toEmail" TEXT NOT NULL,
    "toUserId" TEXT,
    "organizationId" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" BIGINT NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" TEXT NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "TicketQuestion" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromRole" TEXT NOT NULL,
    "toRole" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answeredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "version" BIGINT NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "runOn" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedFilter" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedFilter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanDraft" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "staff" TEXT NOT NULL,
    "milestones" TEXT NOT NULL,
    "formFileId" TEXT,
    "savedById" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanDraft_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "SignInThrottle_updatedAt_idx" ON "SignInThrottle"("updatedAt");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_programId_state_idx" ON "Ticket"("programId", "state");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_state_idx" ON "Ticket"("assigneeId", "state");

-- CreateIndex
CREATE INDEX "Ticket_state_stateChangedAt_programId_idx" ON "Ticket"("state", "stateChangedAt", "programId");

-- CreateIndex
CREATE INDEX "Ticket_programId_updatedAt_idx" ON "Ticket"("programId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_manufacturerId_updatedAt_idx" ON "Ticket"("manufacturerId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_supplierId_state_idx" ON "Ticket"("supplierId", "state");

-- CreateIndex
CREATE INDEX "Ticket_supplierId_updatedAt_idx" ON "Ticket"("supplierId", "updatedAt");

-- CreateIndex
CREATE INDEX "Ticket_state_planDueOn_programId_idx" ON "Ticket"("state", "planDueOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_state_revisionDueOn_programId_idx" ON "Ticket"("state", "revisionDueOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_state_windowEndOn_programId_idx" ON "Ticket"("state", "windowEndOn", "programId");

-- CreateIndex
CREATE INDEX "Ticket_programId_number_idx" ON "Ticket"("programId", "number");

-- CreateIndex
CREATE INDEX "Ticket_updatedAt_id_programId_state_idx" ON "Ticket"("updatedAt", "id", "programId", "state");

-- CreateIndex
CREATE INDEX "Ticket_state_updatedAt_id_programId_idx" ON "Ticket"("state", "updatedAt", "id", "programId");

-- CreateIndex
CREATE INDEX "Ticket_programId_state_supplierId_subsidy_idx" ON "Ticket"("programId", "state", "supplierId", "subsidy");

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
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");

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

-- CreateIndex
CREATE UNIQUE INDEX "EmailToken_tokenHash_key" ON "EmailToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailToken_email_purpose_idx" ON "EmailToken"("email", "purpose");

-- CreateIndex
CREATE INDEX "EmailToken_userId_purpose_idx" ON "EmailToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "EmailToken_organizationId_purpose_idx" ON "EmailToken"("organizationId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMail_dedupeKey_key" ON "OutboxMail"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_toEmail_createdAt_idx" ON "OutboxMail"("toEmail", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMail_organizationId_status_idx" ON "OutboxMail"("organizationId", "status");

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

-- CreateIndex
CREATE UNIQUE INDEX "PlanDraft_ticketId_key" ON "PlanDraft"("ticketId");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_technoparkId_fkey" FOREIGN KEY ("technoparkId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartFactorySystem" ADD CONSTRAINT "SmartFactorySystem_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartFactoryHardware" ADD CONSTRAINT "SmartFactoryHardware_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "SmartFactorySystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_manufacturerId_fkey" FOREIGN KEY ("manufacturerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "SmartFactorySystem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSupportType" ADD CONSTRAINT "TicketSupportType_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestedItem" ADD CONSTRAINT "RequestedItem_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDocument" ADD CONSTRAINT "ApplicationDocument_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationDocument" ADD CONSTRAINT "ApplicationDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementReview" ADD CONSTRAINT "RequirementReview_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteEvaluation" ADD CONSTRAINT "SiteEvaluation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteEvaluationScore" ADD CONSTRAINT "SiteEvaluationScore_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "SiteEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SiteEvaluationCheck" ADD CONSTRAINT "SiteEvaluationCheck_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "SiteEvaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuoteLine" ADD CONSTRAINT "QuoteLine_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionPlan" ADD CONSTRAINT "ExecutionPlan_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanMilestone" ADD CONSTRAINT "PlanMilestone_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ExecutionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostReview" ADD CONSTRAINT "CostReview_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostReview" ADD CONSTRAINT "CostReview_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "Quote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementVersion" ADD CONSTRAINT "AgreementVersion_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementDraft" ADD CONSTRAINT "AgreementDraft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementConsent" ADD CONSTRAINT "AgreementConsent_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "AgreementDraft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAssignment" ADD CONSTRAINT "TicketAssignment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareDeposit" ADD CONSTRAINT "ShareDeposit_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Settlement" ADD CONSTRAINT "Settlement_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SettlementEvidence" ADD CONSTRAINT "SettlementEvidence_settlementId_fkey" FOREIGN KEY ("settlementId") REFERENCES "Settlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartPurchase" ADD CONSTRAINT "PartPurchase_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkLog" ADD CONSTRAINT "WorkLog_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkLogPart" ADD CONSTRAINT "WorkLogPart_workLogId_fkey" FOREIGN KEY ("workLogId") REFERENCES "WorkLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_workLogId_fkey" FOREIGN KEY ("workLogId") REFERENCES "WorkLog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_completionReportId_fkey" FOREIGN KEY ("completionReportId") REFERENCES "CompletionReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "TicketMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionReport" ADD CONSTRAINT "CompletionReport_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionCheck" ADD CONSTRAINT "CompletionCheck_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpNote" ADD CONSTRAINT "FollowUpNote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketQuestion" ADD CONSTRAINT "TicketQuestion_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketMessage" ADD CONSTRAINT "TicketMessage_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "TicketQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedFilter" ADD CONSTRAINT "SavedFilter_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDraft" ADD CONSTRAINT "PlanDraft_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
