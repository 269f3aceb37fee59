-- CreateIndex
CREATE INDEX "Case_restricted_id_idx" ON "Case"("restricted", "id");
