-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "WebhookDelivery" ADD COLUMN "payload" TEXT;

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

