-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "payload" TEXT;

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_receivedAt_idx" ON "WebhookDelivery"("status", "receivedAt");

