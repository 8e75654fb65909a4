-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "carrierAmbiguous" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "carrierCandidates" TEXT,
ADD COLUMN     "lastMileCarrier" TEXT,
ADD COLUMN     "lastMileTrackingNumber" TEXT,
ADD COLUMN     "lastPollError" TEXT,
ADD COLUMN     "pollFailures" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CarrierAccount" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "credentials" TEXT NOT NULL,
    "credentialHint" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastError" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CarrierAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CarrierAccount_shop_carrier_key" ON "CarrierAccount"("shop", "carrier");

-- AddForeignKey
ALTER TABLE "CarrierAccount" ADD CONSTRAINT "CarrierAccount_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("domain") ON DELETE CASCADE ON UPDATE CASCADE;

