-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "eventAt" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "leaseUntil" DATETIME;
ALTER TABLE "Notification" ADD COLUMN "recipientHint" TEXT;
ALTER TABLE "Notification" ADD COLUMN "substatus" TEXT;

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "emailProvider" TEXT;
ALTER TABLE "ShopSettings" ADD COLUMN "smsProvider" TEXT;

-- CreateTable
CREATE TABLE "MessagingOptOut" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MessagingOptOut_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MessagingOptOut_shop_channel_addressHash_key" ON "MessagingOptOut"("shop", "channel", "addressHash");

-- CreateIndex
CREATE INDEX "Notification_shop_status_updatedAt_idx" ON "Notification"("shop", "status", "updatedAt");

