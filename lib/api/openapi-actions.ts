// The actions part of the OpenAPI description (access revocations and national-security reviews),
// from the same zod schemas that validate the requests.
import { ZActionTransitionInput, ZCreateActionInput, ZListActionsQuery } from "@/lib/actions/action-schemas";
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { ZPageQuery } from "@/lib/validation";
import { ZActionDetail, ZActionSummary } from "@/lib/actions/action-answer-schemas";

type Json = Record<string, unknown>;

const actionParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "action id" };

export function actionSchemas({ schema, answer }: OpenApiHelpers): Json {
  return {
    CreateAction: schema(ZCreateActionInput),
    ActionTransition: schema(ZActionTransitionInput),
    Action: { ...answer(ZActionDetail), description: "An action with its targets, cited evidence and timeline" },
    ActionSummary: answer(ZActionSummary),
  };
}

export function actionPaths(h: OpenApiHelpers): Json {
  const { queryParameters, ref, body, ok, errors, page, idParam } = h;
  return {
    "/cases/{id}/actions": {
      get: { summary: "Actions of a case, newest first", parameters: [idParam, ...queryParameters(ZPageQuery)], responses: { 200: ok("A page of actions", page(ref("ActionSummary"))), ...errors(400, 401, 404) } },
      post: {
        summary:
          'Propose an access revocation ({"type": "ACCESS_REVOCATION", "justification", "targetAccountIds", "evidenceIds"}; status PROPOSED) or draft a ' +
          'national-security review ({"type": "NATIONAL_SECURITY_REVIEW", "referralBody", "dueAt", ...}; status DRAFT; makes the case restricted unless an ADMIN ' +
          "gives keepUnrestrictedReason). Cited evidence must be of the case",
        parameters: [idParam],
        requestBody: body("CreateAction"),
        responses: { 201: ok("The created action", ref("Action")), ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    "/actions": {
      get: {
        summary: "Actions across the cases you may see; queue=awaiting-approval (PROPOSED revocations you may decide), mine (yours, not final), overdue, due-soon (next 7 days)",
        parameters: queryParameters(ZListActionsQuery),
        responses: { 200: ok("A page of actions", page(ref("ActionSummary"))), ...errors(400, 401) },
      },
    },
    "/actions/{id}": {
      get: { summary: "An action with its targets, cited evidence and timeline", parameters: [actionParam], responses: { 200: ok("The action", ref("Action")), ...errors(401, 404) } },
    },
    "/actions/{id}/transitions": {
      post: {
        summary:
          "Move an action: {to} plus reason (REJECTED, REVERSED), externalReference (EXECUTED), outcome (CONCLUDED), comment. Only a MANAGER or ADMIN approves or " +
          "rejects, never the proposer (403); an illegal move is 409 naming the allowed moves; a move someone else made first is 409",
        parameters: [actionParam],
        requestBody: body("ActionTransition"),
        responses: { 200: ok("The action", ref("Action")), ...errors(400, 401, 403, 404, 409, 415) },
      },
    },
  };
}
