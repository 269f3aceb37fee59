export const AUDIT_QUERY_KEYS = ["actor", "entityType", "entityId", "action", "caseId", "from", "to", "page", "pageSize"] as const;
export const ENTITY_TYPES = ["Case", "Note", "User", "ApiToken", "Evidence", "Account", "AccountLink", "Action"] as const;
export const ACTION_PREFIXES = ["case", "note", "user", "token", "evidence", "account", "action", "auth"] as const;
