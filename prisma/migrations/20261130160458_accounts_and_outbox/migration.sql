-- CreateTable
CREATE TABLE "EmailToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "organizationId" TEXT,
    "invitedById" TEXT,
    "role" TEXT,
    "makeAdmin" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "toEmail" TEXT NOT NULL,
    "toUserId" TEXT,
    "organizationId" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" TEXT NOT NULL,

    PRIMARY KEY ("userId", "kind"),
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "ticketId" TEXT,
    "eventSeq" INTEGER,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "readAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'ticket',
    "mailedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("body", "createdAt", "eventSeq", "id", "readAt", "ticketId", "title", "userId") SELECT "body", "createdAt", "eventSeq", "id", "readAt", "ticketId", "title", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "businessNumber" TEXT NOT NULL,
    "representative" TEXT,
    "address" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "phone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "statusChangedAt" DATETIME,
    "statusChangedById" TEXT,
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
INSERT INTO "new_Organization" ("address", "businessNumber", "canSelfService", "closedOrSuspended", "createdAt", "diffusionCompletionYear", "eligibilityBasis", "freeWarrantyEndsOn", "id", "kind", "levelCertificateNumber", "localProgramYear", "maintenanceNote", "name", "paidMaintenanceContract", "phone", "promisingSmeCertNumber", "promisingSmeCertified", "region", "representative", "sanctioned", "taxDelinquent", "updatedAt", "version") SELECT "address", "businessNumber", "canSelfService", "closedOrSuspended", "createdAt", "diffusionCompletionYear", "eligibilityBasis", "freeWarrantyEndsOn", "id", "kind", "levelCertificateNumber", "localProgramYear", "maintenanceNote", "name", "paidMaintenanceContract", "phone", "promisingSmeCertNumber", "promisingSmeCertified", "region", "representative", "sanctioned", "taxDelinquent", "updatedAt", "version" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_businessNumber_key" ON "Organization"("businessNumber");
CREATE INDEX "Organization_kind_name_idx" ON "Organization"("kind", "name");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "phone" TEXT,
    "lastLoginAt" DATETIME,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "emailVerifiedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusChangedAt" DATETIME,
    "passwordChangedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "id", "lastLoginAt", "name", "organizationId", "passwordHash", "phone", "role", "updatedAt") SELECT "createdAt", "email", "id", "lastLoginAt", "name", "organizationId", "passwordHash", "phone", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- Accounts that existed before sign-up was possible were created by hand with a known address:
-- they count as confirmed, and the first person of each organisation becomes its admin.
UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "emailVerifiedAt" IS NULL;
UPDATE "User" SET "isAdmin" = true
WHERE "id" IN (
  SELECT u."id" FROM "User" u
  WHERE u."id" = (SELECT f."id" FROM "User" f WHERE f."organizationId" = u."organizationId" ORDER BY f."createdAt", f."id" LIMIT 1)
);
