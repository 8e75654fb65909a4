-- CreateIndex
CREATE INDEX "Order_shop_destinationCountry_destinationProvince_idx" ON "Order"("shop", "destinationCountry", "destinationProvince");

-- CreateIndex
CREATE INDEX "Shipment_shop_windowEnd_id_idx" ON "Shipment"("shop", "windowEnd", "id");

-- CreateIndex
CREATE INDEX "Shipment_carrier_prompts_idx" ON "Shipment"("shop", "carrierAmbiguous", "carrierConfirmed", "createdAt", "id");

