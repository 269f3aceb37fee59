export const AUDIT_QUERY_KEYS = ["actor", "entityType", "entityId", "action", "caseId", "from", "to", "page", "pageSize"] as const;
