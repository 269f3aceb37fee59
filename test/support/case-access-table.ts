// The expected authorization answers for cases, written out in full so a change to the policy
// must change this table. Used by the pure policy test and by the integration test that calls the
// real lib/ functions.
import type { Role } from "@/lib/access/actor";
import type { CaseOperation, Decision } from "@/lib/access/case-policy";

export type Membership = "member" | "non-member";
export type CaseKind = "restricted" | "open";

const A = "allow", F = "forbidden", N = "notFound";
export const expectedCaseAccess: Record<Role, Record<"member" | "non-member", Record<"restricted" | "open", Record<CaseOperation, Decision>>>> = {
  ADMIN: {
    member: {
      open: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: A },
      restricted: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: A },
    },
    "non-member": {
      open: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: A },
      restricted: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: A },
    },
  },
  MANAGER: {
    member: {
      open: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: F },
      restricted: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: F },
    },
    "non-member": {
      open: { read: A, update: A, transition: A, reopen: A, assign: A, addNote: A, addEvidence: A, removeEvidence: F },
      restricted: { read: N, update: N, transition: N, reopen: N, assign: N, addNote: N, addEvidence: N, removeEvidence: N },
    },
  },
  INVESTIGATOR: {
    member: {
      open: { read: A, update: A, transition: A, reopen: F, assign: F, addNote: A, addEvidence: A, removeEvidence: F },
      restricted: { read: A, update: A, transition: A, reopen: F, assign: F, addNote: A, addEvidence: A, removeEvidence: F },
    },
    "non-member": {
      open: { read: A, update: F, transition: F, reopen: F, assign: F, addNote: F, addEvidence: F, removeEvidence: F },
      restricted: { read: N, update: N, transition: N, reopen: N, assign: N, addNote: N, addEvidence: N, removeEvidence: N },
    },
  },
  AUDITOR: {
    member: {
      open: { read: A, update: F, transition: F, reopen: F, assign: F, addNote: F, addEvidence: F, removeEvidence: F },
      restricted: { read: A, update: F, transition: F, reopen: F, assign: F, addNote: F, addEvidence: F, removeEvidence: F },
    },
    "non-member": {
      open: { read: A, update: F, transition: F, reopen: F, assign: F, addNote: F, addEvidence: F, removeEvidence: F },
      restricted: { read: N, update: N, transition: N, reopen: N, assign: N, addNote: N, addEvidence: N, removeEvidence: N },
    },
  },
};


// Accounts on cases (issue 9): the operations on a case's accounts, and whether the lists of the
// account side (account list by case, account detail's cases and case count, sightings, links
// citing the case's evidence, clusters' cases, account history) show the case at all ("list").
export const ACCOUNT_CASE_OPERATIONS = ["readAccounts", "attachAccount", "detachAccount", "sightings", "graph", "list"] as const;
export type AccountCaseOperation = (typeof ACCOUNT_CASE_OPERATIONS)[number];

export const expectedAccountCaseAccess: Record<Role, Record<Membership, Record<CaseKind, Record<AccountCaseOperation, Decision>>>> = {
  ADMIN: {
    member: {
      open: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
      restricted: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
    },
    "non-member": {
      open: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
      restricted: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
    },
  },
  MANAGER: {
    member: {
      open: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
      restricted: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
    },
    "non-member": {
      open: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
      restricted: { readAccounts: N, attachAccount: N, detachAccount: N, sightings: N, graph: N, list: N },
    },
  },
  INVESTIGATOR: {
    member: {
      open: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
      restricted: { readAccounts: A, attachAccount: A, detachAccount: A, sightings: A, graph: A, list: A },
    },
    "non-member": {
      open: { readAccounts: A, attachAccount: F, detachAccount: F, sightings: A, graph: A, list: A },
      restricted: { readAccounts: N, attachAccount: N, detachAccount: N, sightings: N, graph: N, list: N },
    },
  },
  AUDITOR: {
    member: {
      open: { readAccounts: A, attachAccount: F, detachAccount: F, sightings: A, graph: A, list: A },
      restricted: { readAccounts: A, attachAccount: F, detachAccount: F, sightings: A, graph: A, list: A },
    },
    "non-member": {
      open: { readAccounts: A, attachAccount: F, detachAccount: F, sightings: A, graph: A, list: A },
      restricted: { readAccounts: N, attachAccount: N, detachAccount: N, sightings: N, graph: N, list: N },
    },
  },
};

// Actions (issue 10): who may read, propose, refer and move the actions of a case. "approveOwn" is
// approving (or rejecting) a revocation the actor proposed: four eyes refuse it to everyone.
export const ACTION_TABLE_OPERATIONS = [
  "read",
  "propose",
  "refer",
  "approve",
  "reject",
  "approveOwn",
  "execute",
  "verify",
  "reverse",
  "moveReview",
  "concludeReview",
] as const;
export type ActionTableOperation = (typeof ACTION_TABLE_OPERATIONS)[number];

type ActionRow = Record<ActionTableOperation, Decision>;
const row = (read: Decision, propose: Decision, decide: Decision, own: Decision, execute: Decision): ActionRow => ({
  read,
  propose,
  refer: propose,
  approve: decide,
  reject: decide,
  approveOwn: own,
  execute,
  verify: execute,
  reverse: execute,
  moveReview: propose,
  concludeReview: propose,
});
const hidden = row(N, N, N, N, N);

export const expectedActionAccess: Record<Role, Record<Membership, Record<CaseKind, ActionRow>>> = {
  ADMIN: {
    member: { open: row(A, A, A, F, A), restricted: row(A, A, A, F, A) },
    "non-member": { open: row(A, A, A, F, A), restricted: row(A, A, A, F, A) },
  },
  MANAGER: {
    member: { open: row(A, A, A, F, A), restricted: row(A, A, A, F, A) },
    "non-member": { open: row(A, A, A, F, A), restricted: hidden },
  },
  INVESTIGATOR: {
    member: { open: row(A, A, F, F, F), restricted: row(A, A, F, F, F) },
    "non-member": { open: row(A, F, F, F, F), restricted: hidden },
  },
  AUDITOR: {
    member: { open: row(A, F, F, F, F), restricted: row(A, F, F, F, F) },
    "non-member": { open: row(A, F, F, F, F), restricted: hidden },
  },
};
