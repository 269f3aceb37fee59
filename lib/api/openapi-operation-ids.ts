// The operationId of every operation of /api/v1 ("METHOD /path" → camelCase, verb first), so a
// generated client has stable method names. openapi.ts sets them on the document (an operation that
// names its own keeps it); openapi.test.ts fails when an operation has none or two share one.
type Json = Record<string, unknown>;

export const OPERATION_IDS: Record<string, string> = {
  "GET /cases": "listCases",
  "POST /cases": "createCase",
  "GET /cases/{id}": "getCase",
  "PATCH /cases/{id}": "editCase",
  "POST /cases/{id}/transitions": "transitionCase",
  "GET /cases/{id}/notes": "listCaseNotes",
  "POST /cases/{id}/notes": "addCaseNote",
  "GET /cases/{id}/evidence": "listCaseEvidence",
  "POST /cases/{id}/evidence": "uploadEvidence",
  "GET /evidence": "findEvidence",
  "GET /evidence/{id}": "getEvidence",
  "PATCH /evidence/{id}": "editEvidence",
  "DELETE /evidence/{id}": "removeEvidence",
  "GET /evidence/{id}/custody": "listEvidenceCustody",
  "GET /evidence/{id}/content": "getEvidenceContent",
  "GET /evidence/{id}/preview": "previewEvidence",
  "POST /evidence/{id}/verify": "verifyEvidence",
  "POST /evidence/{id}/ingest": "ingestEvidence",
  "GET /ingest-runs/{id}": "getIngestRun",
  "GET /audit": "listAuditEvents",
  "GET /audit/verify": "verifyAuditChain",
  "GET /audit/checkpoint": "getAuditCheckpoint",
  "GET /accounts": "listAccounts",
  "POST /accounts": "createAccount",
  "POST /accounts/import": "importAccounts",
  "GET /accounts/{id}": "getAccount",
  "PATCH /accounts/{id}": "editAccount",
  "GET /accounts/{id}/history": "listAccountHistory",
  "GET /accounts/{id}/sightings": "getAccountSightings",
  "GET /cases/{id}/accounts": "listCaseAccounts",
  "POST /cases/{id}/accounts": "attachCaseAccounts",
  "DELETE /cases/{id}/accounts/{accountId}": "detachCaseAccount",
  "GET /cases/{id}/graph": "getCaseGraph",
  "GET /cases/{id}/sightings": "getCaseSightings",
  "GET /account-links": "listAccountLinks",
  "POST /account-links": "createAccountLink",
  "GET /account-links/{id}": "getAccountLink",
  "PATCH /account-links/{id}": "decideAccountLink",
  "GET /account-clusters": "listAccountClusters",
  "GET /account-clusters/{id}": "getAccountCluster",
  "GET /account-clusters/{id}/graph": "getAccountClusterGraph",
  "GET /cases/{id}/actions": "listCaseActions",
  "POST /cases/{id}/actions": "createAction",
  "GET /actions": "listActions",
  "GET /actions/{id}": "getAction",
  "POST /actions/{id}/transitions": "transitionAction",
  "GET /dashboard": "getDashboard",
  "GET /dashboard/charts/{chart}": "getDashboardChartCsv",
  "GET /cases/{id}/export": "exportCaseFile",
  "POST /case-files/verify": "verifyCaseFile",
  "GET /signing-key": "getSigningKey",
  "GET /cases/{id}/stix": "exportCaseStix",
  "GET /cases/{id}/distillation": "getCaseDistillation",
  "POST /cases/{id}/distillation/report": "generateDistillationReport",
};

const METHODS = ["get", "put", "post", "patch", "delete"];

/** The paths with each operation's operationId set from OPERATION_IDS where it names none itself. */
export function withOperationIds(paths: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(paths).map(([p, ops]) => [
      p,
      Object.fromEntries(
        Object.entries(ops).map(([method, op]) => {
          const id = OPERATION_IDS[`${method.toUpperCase()} ${p}`];
          return [method, METHODS.includes(method) && id && !(op as Json).operationId ? { operationId: id, ...(op as Json) } : op];
        }),
      ),
    ]),
  );
}
