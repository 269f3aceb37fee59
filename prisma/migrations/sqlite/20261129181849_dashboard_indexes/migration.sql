-- CreateIndex
CREATE INDEX "Case_status_severity_leadId_createdAt_restricted_id_idx" ON "Case"("status", "severity", "leadId", "createdAt", "restricted", "id");

-- CreateIndex
CREATE INDEX "Case_closedAt_restricted_id_idx" ON "Case"("closedAt", "restricted", "id");

-- CreateIndex
CREATE INDEX "Case_id_restricted_idx" ON "Case"("id", "restricted");

-- CreateIndex
CREATE INDEX "Account_riskScore_status_id_idx" ON "Account"("riskScore", "status", "id");

-- CreateIndex
CREATE INDEX "Action_type_status_caseId_createdAt_executedAt_id_idx" ON "Action"("type", "status", "caseId", "createdAt", "executedAt", "id");

-- CreateIndex
CREATE INDEX "ActionTarget_actionId_accountId_idx" ON "ActionTarget"("actionId", "accountId");
