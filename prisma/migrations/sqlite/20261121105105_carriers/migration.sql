-- CreateTable
CREATE TABLE "CarrierAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "carrier" TEXT NOT NULL,
    "credentials" TEXT NOT NULL,
    "credentialHint" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'active',
    "lastError" TEXT,
    "verifiedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CarrierAccount_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shipment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyFulfillmentId" TEXT,
    "trackingIndex" INTEGER NOT NULL DEFAULT 0,
    "trackingNumber" TEXT,
    "trackingCompany" TEXT,
    "carrier" TEXT,
    "carrierConfidence" REAL,
    "carrierConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "carrierAmbiguous" BOOLEAN NOT NULL DEFAULT false,
    "carrierCandidates" TEXT,
    "lastMileCarrier" TEXT,
    "lastMileTrackingNumber" TEXT,
    "pollFailures" INTEGER NOT NULL DEFAULT 0,
    "lastPollError" TEXT,
    "service" TEXT,
    "trackingUrl" TEXT,
    "shopifyFulfillmentStatus" TEXT,
    "shopifyShipmentStatus" TEXT,
    "shopifyDeliveredAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "substatus" TEXT,
    "shippedAt" DATETIME,
    "carrierEstimatedAt" DATETIME,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "deliveredAt" DATETIME,
    "lastEventAt" DATETIME,
    "attention" TEXT,
    "attentionSince" DATETIME,
    "attentionResolvedAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "nextCheckAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Shipment_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("domain") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Shipment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Shipment" ("attention", "attentionResolvedAt", "attentionSince", "carrier", "carrierConfidence", "carrierConfirmed", "carrierEstimatedAt", "createdAt", "deliveredAt", "id", "lastCheckedAt", "lastEventAt", "nextCheckAt", "orderId", "service", "shippedAt", "shop", "shopifyDeliveredAt", "shopifyFulfillmentId", "shopifyFulfillmentStatus", "shopifyShipmentStatus", "shopifyUpdatedAt", "status", "substatus", "trackingCompany", "trackingIndex", "trackingNumber", "trackingUrl", "updatedAt", "windowEnd", "windowStart") SELECT "attention", "attentionResolvedAt", "attentionSince", "carrier", "carrierConfidence", "carrierConfirmed", "carrierEstimatedAt", "createdAt", "deliveredAt", "id", "lastCheckedAt", "lastEventAt", "nextCheckAt", "orderId", "service", "shippedAt", "shop", "shopifyDeliveredAt", "shopifyFulfillmentId", "shopifyFulfillmentStatus", "shopifyShipmentStatus", "shopifyUpdatedAt", "status", "substatus", "trackingCompany", "trackingIndex", "trackingNumber", "trackingUrl", "updatedAt", "windowEnd", "windowStart" FROM "Shipment";
DROP TABLE "Shipment";
ALTER TABLE "new_Shipment" RENAME TO "Shipment";
CREATE INDEX "Shipment_shop_createdAt_id_idx" ON "Shipment"("shop", "createdAt", "id");
CREATE INDEX "Shipment_shop_status_lastEventAt_idx" ON "Shipment"("shop", "status", "lastEventAt");
CREATE INDEX "Shipment_shop_carrier_status_idx" ON "Shipment"("shop", "carrier", "status");
CREATE INDEX "Shipment_shop_trackingNumber_idx" ON "Shipment"("shop", "trackingNumber");
CREATE INDEX "Shipment_shop_attention_idx" ON "Shipment"("shop", "attention");
CREATE INDEX "Shipment_orderId_idx" ON "Shipment"("orderId");
CREATE INDEX "Shipment_nextCheckAt_idx" ON "Shipment"("nextCheckAt");
CREATE UNIQUE INDEX "Shipment_shop_shopifyFulfillmentId_trackingIndex_key" ON "Shipment"("shop", "shopifyFulfillmentId", "trackingIndex");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CarrierAccount_shop_carrier_key" ON "CarrierAccount"("shop", "carrier");

