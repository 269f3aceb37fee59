// The accounts part of the OpenAPI description (accounts, case accounts, sightings, links,
// clusters, graphs, import), from the same zod schemas that validate the requests. openapi.ts
// passes in its helpers and spreads these into the document.
import type { z } from "zod";
import { ZCreateAccountInput, ZListAccountsQuery, ZUpdateAccountInput, ZAttachAccountsInput } from "@/lib/accounts/account-schemas";
import { ZCreateLinkInput, ZDecideLinkInput, ZGraphQuery, ZListLinksQuery } from "@/lib/links/link-schemas";
import { ZPageQuery } from "@/lib/validation";
import { withCsvFormat } from "@/lib/api/openapi-dashboard";
import { ACCOUNT_CSV_COLUMNS } from "@/lib/list-exports/export-accounts";
import {
  ZAccountDetail,
  ZAccountSightings,
  ZAccountSummary,
  ZCaseAccount,
  ZCaseSightings,
  ZImportResult,
} from "@/lib/accounts/account-answer-schemas";
import { ZAccountLink, ZCluster, ZGraph } from "@/lib/links/link-answer-schemas";
import { ZAuditEventView } from "@/lib/audit/audit-answer-schemas";

type Json = Record<string, unknown>;
export type OpenApiHelpers = {
  schema: (s: z.ZodType) => Json;
  /** An answer's JSON schema (the zod schema's output). */
  answer: (s: z.ZodType) => Json;
  queryParameters: (s: z.ZodObject) => Json[];
  ref: (name: string) => Json;
  body: (name: string) => Json;
  ok: (description: string, schemaRef?: Json) => Json;
  errors: (...codes: number[]) => Json;
  page: (item: Json) => Json;
  idParam: Json;
};

const pathParam = (name: string, description: string) => ({ name, in: "path", required: true, schema: { type: "string" }, description });
const accountParam = pathParam("id", "account id or external id");
const linkParam = pathParam("id", "link id");
const clusterParam = pathParam("id", "cluster id (its smallest member account id) or any member's account id or external id");

export function accountSchemas({ schema, answer }: OpenApiHelpers): Json {
  return {
    CreateAccount: schema(ZCreateAccountInput),
    UpdateAccount: schema(ZUpdateAccountInput),
    AttachAccounts: schema(ZAttachAccountsInput),
    Account: { ...answer(ZAccountDetail), description: "An account with its attributes and the cases you may see (only cases you may see)" },
    AccountSummary: answer(ZAccountSummary),
    AccountImport: answer(ZImportResult),
    AccountHistoryEvent: answer(ZAuditEventView),
    AccountSightings: answer(ZAccountSightings),
    CaseSightings: answer(ZCaseSightings),
    CreateLink: schema(ZCreateLinkInput),
    DecideLink: schema(ZDecideLinkInput),
    AccountLink: answer(ZAccountLink),
    Cluster: answer(ZCluster),
    Graph: answer(ZGraph),
    CaseAccount: answer(ZCaseAccount),
  };
}

export function accountPaths(h: OpenApiHelpers): Json {
  const { queryParameters, ref, body, ok, errors, page, idParam } = h;
  return {
    "/accounts": {
      get: withCsvFormat({ summary: "List accounts (search, filters, sort, paging; or, with format=csv, export every matching one)", parameters: queryParameters(ZListAccountsQuery), responses: { 200: ok("A page of accounts", page(ref("AccountSummary"))), ...errors(400, 401, 403) } }, ACCOUNT_CSV_COLUMNS),
      post: { summary: "Register an account", requestBody: body("CreateAccount"), responses: { 201: ok("The created account", ref("Account")), ...errors(400, 401, 403, 409, 413, 415) } },
    },
    "/accounts/import": {
      post: {
        summary:
          "Bulk import (CSV with a header row, JSON array or JSON Lines) upserting by externalId in batched transactions; ?dryRun=true changes nothing. " +
          "Send Accept: application/x-ndjson to receive progress lines {type: progress, done, total} and then {type: result, ...} or {type: error, error}",
        parameters: [{ name: "dryRun", in: "query", required: false, schema: { type: "boolean" } }],
        requestBody: {
          required: true,
          content: { "multipart/form-data": { schema: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } } },
        },
        responses: {
          200: ok("What the import did (or, for a dry run, would do)", ref("AccountImport")),
          ...errors(400, 401, 403, 413, 415),
          500: { description: "Stopped part way: details.committed has the counts of the batches that were imported, details.stoppedAtLine where it stopped", content: { "application/json": { schema: ref("Error") } } },
        },
      },
    },
    "/accounts/{id}": {
      get: { summary: "An account with its attributes and the cases you may see", parameters: [accountParam], responses: { 200: ok("The account", ref("Account")), ...errors(401, 403, 404) } },
      patch: { summary: "Edit an account (attributes replace the set; version answers 409 when stale)", parameters: [accountParam], requestBody: body("UpdateAccount"), responses: { 200: ok("The account", ref("Account")), ...errors(400, 401, 403, 404, 409, 415) } },
    },
    "/accounts/{id}/history": {
      get: { summary: "The account's changes from the audit trail, newest first", parameters: [accountParam, ...queryParameters(ZPageQuery)], responses: { 200: ok("A page of audit events", page(ref("AccountHistoryEvent"))), ...errors(400, 401, 403, 404) } },
    },
    "/accounts/{id}/sightings": {
      get: {
        summary: "Where the account and its attribute values also appear (cases you may see; noise values flagged)",
        parameters: [accountParam],
        responses: { 200: ok("The sightings", ref("AccountSightings")), ...errors(401, 403, 404) },
      },
    },
    "/cases/{id}/accounts": {
      get: { summary: "Accounts on a case", parameters: [idParam], responses: { 200: ok("The case's accounts", page(ref("CaseAccount"))), ...errors(401, 403, 404) } },
      post: {
        summary: "Attach accounts with a role ({accountId, role} or {accounts: [...]}); re-attaching changes the role",
        parameters: [idParam],
        requestBody: body("AttachAccounts"),
        responses: { 201: ok("The attached account ({items} for several)", { oneOf: [ref("CaseAccount"), { type: "object", required: ["items"], properties: { items: { type: "array", items: ref("CaseAccount") } } }] }), ...errors(400, 401, 403, 404, 415) },
      },
    },
    "/cases/{id}/accounts/{accountId}": {
      delete: { summary: "Detach an account from a case", parameters: [idParam, pathParam("accountId", "account id")], responses: { 204: { description: "Detached" }, ...errors(401, 403, 404) } },
    },
    "/cases/{id}/graph": {
      get: { summary: "Link graph of a case: its accounts, the accounts linked to them, and the links", parameters: [idParam, ...queryParameters(ZGraphQuery)], responses: { 200: ok("The graph", ref("Graph")), ...errors(400, 401, 403, 404) } },
    },
    "/account-links": {
      get: { summary: "Links you may see, strongest first (status=SUGGESTED for suggestions)", parameters: queryParameters(ZListLinksQuery), responses: { 200: ok("A page of links", page(ref("AccountLink"))), ...errors(400, 401, 403, 404) } },
      post: { summary: "Link two accounts (manual, ACCEPTED); a self-link or confidence outside 0..1 is a 400", requestBody: body("CreateLink"), responses: { 201: ok("The link", ref("AccountLink")), ...errors(400, 401, 403, 404, 409, 415) } },
    },
    "/account-links/{id}": {
      get: { summary: "A link", parameters: [linkParam], responses: { 200: ok("The link", ref("AccountLink")), ...errors(401, 403, 404) } },
      patch: { summary: "Accept or dismiss a link (audited); a dismissed suggestion stays dismissed until its shared values change", parameters: [linkParam], requestBody: body("DecideLink"), responses: { 200: ok("The link", ref("AccountLink")), ...errors(400, 401, 403, 404, 415) } },
    },
    "/account-clusters": {
      get: { summary: "Clusters: connected components over accepted links, largest first", parameters: queryParameters(ZPageQuery), responses: { 200: ok("A page of clusters", page(ref("Cluster"))), ...errors(400, 401, 403) } },
    },
    "/account-clusters/{id}": {
      get: { summary: "A cluster", parameters: [clusterParam], responses: { 200: ok("The cluster", ref("Cluster")), ...errors(401, 403, 404) } },
    },
    "/account-clusters/{id}/graph": {
      get: { summary: "Link graph of a cluster (its members and every link among them)", parameters: [clusterParam, ...queryParameters(ZGraphQuery)], responses: { 200: ok("The graph", ref("Graph")), ...errors(400, 401, 403, 404) } },
    },
    "/cases/{id}/sightings": {
      get: {
        summary: "Accounts and attribute values of this case that also appear on other cases you may see",
        parameters: [idParam],
        responses: { 200: ok("The sightings", ref("CaseSightings")), ...errors(401, 403, 404) },
      },
    },
  };
}
