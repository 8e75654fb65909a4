-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "eventAt" TIMESTAMP(3),
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "recipientHint" TEXT,
ADD COLUMN     "substatus" TEXT;

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "emailProvider" TEXT,
ADD COLUMN     "smsProvider" TEXT;

-- CreateTable
CREATE TABLE "MessagingOptOut" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessagingOptOut_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MessagingOptOut_shop_channel_addressHash_key" ON "MessagingOptOut"("shop", "channel", "addressHash");

-- CreateIndex
CREATE INDEX "Notification_shop_status_updatedAt_idx" ON "Notification"("shop", "status", "updatedAt");

-- AddForeignKey
ALTER TABLE "MessagingOptOut" ADD CONSTRAINT "MessagingOptOut_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

