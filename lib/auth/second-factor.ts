// The second factor: TOTP (RFC 6238, 6 digits, 30 s, via otplib) with ten one-time recovery codes
// (decision 0027). The secret is sealed at rest (lib/auth/totp-secret-box.ts) and shown only while
// an enrolment awaits its first code; recovery codes are stored as hashes and shown once.
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { verifyPassword } from "@/lib/auth/password";
import { openTotpSecret, sealTotpSecret } from "@/lib/auth/totp-secret-box";
import { db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const RECOVERY_CODE_COUNT = 10;
/** ±1 time step (30 s) around now: a code just shown or one the clock is a step off from. */
const EPOCH_TOLERANCE_SECONDS = 30;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export type SecondFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; pending: boolean };

export async function readSecondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  const recoveryCodesLeft = user.totpEnabledAt ? await db().recoveryCode.count({ where: { userId, usedAt: null } }) : 0;
  return { enabled: !!user.totpEnabledAt, enabledAt: user.totpEnabledAt, recoveryCodesLeft, pending: !user.totpEnabledAt && !!user.totpSecret };
}

export type PendingEnrolment = { secret: string; uri: string; qrSvg: string };

/** Begins (or begins afresh) an enrolment: a new secret, kept sealed until confirmed with a code. */
export async function startSecondFactorEnrolment(ctx: RequestContext): Promise<PendingEnrolment> {
  const secret = generateSecret();
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { totpEnabledAt: true } });
    if (user.totpEnabledAt) throw new AppError("CONFLICT", "A second factor is already enrolled; disable it first.");
    await tx.user.update({ where: { id: ctx.actor.id }, data: { totpSecret: sealTotpSecret(secret), totpLastStep: null } });
    await appendAuditEvent(tx, auditContextOf(ctx), { action: "auth.second-factor-enrolment-started", entityType: "User", entityId: ctx.actor.id });
  });
  return enrolmentOf(ctx.actor.email, secret);
}

/** The enrolment awaiting its first code (its secret, otpauth URI and QR code), or null. */
export async function readPendingEnrolment(ctx: RequestContext): Promise<PendingEnrolment | null> {
  const user = await db().user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt || !user.totpSecret) return null;
  return enrolmentOf(ctx.actor.email, openTotpSecret(user.totpSecret));
}

async function enrolmentOf(email: string, secret: string): Promise<PendingEnrolment> {
  const uri = generateURI({ issuer: "Lantern", label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrSvg };
}

const ZCode = z.object({ code: z.string().trim().min(1, "is required").max(40) });

/** Confirms the pending enrolment with a current code; answers the ten recovery codes (shown once). */
export async function confirmSecondFactorEnrolment(ctx: RequestContext, input: unknown, now = new Date()): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseInput(ZCode, input);
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { totpSecret: true, totpEnabledAt: true } });
    if (user.totpEnabledAt) throw new AppError("CONFLICT", "A second factor is already enrolled.");
    if (!user.totpSecret) throw new AppError("CONFLICT", "Start the enrolment first.");
    const step = await totpStepOf(openTotpSecret(user.totpSecret), code, null, now);
    if (step === null) throw invalidInput("The code is not the current one.", { code: ["is not the current code; check the clock of your device"] });
    await tx.user.update({ where: { id: ctx.actor.id }, data: { totpEnabledAt: now, totpLastStep: step } });
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: ctx.actor.id, codeHash: hashRecoveryCode(ctx.actor.id, c) })) });
    await appendAuditEvent(tx, auditContextOf(ctx), { action: "auth.second-factor-enabled", entityType: "User", entityId: ctx.actor.id, changes: { recoveryCodes: RECOVERY_CODE_COUNT } });
  });
  return { recoveryCodes };
}

const ZDisable = z
  .object({ code: z.string().trim().max(40).optional(), password: z.string().max(200).optional() })
  .refine((v) => !!v.code || !!v.password, { message: "Enter a current code or your password", path: ["code"] });

/** Turns the second factor off: a current code (or recovery code) or the password proves it is the owner. */
export async function disableSecondFactor(ctx: RequestContext, input: unknown, now = new Date()): Promise<void> {
  const { code, password } = parseInput(ZDisable, input);
  const user = await db().user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { passwordHash: true, totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new AppError("CONFLICT", "No second factor is enrolled.");
  const proof = code ? await checkSecondFactor(ctx.actor.id, code, now) : (await verifyPassword(user.passwordHash, password ?? "")) ? "password" : null;
  if (!proof) throw invalidInput(code ? "The code is wrong." : "The password is wrong.", code ? { code: ["is not a current or recovery code"] } : { password: ["is wrong"] });
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.actor.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await appendAuditEvent(tx, auditContextOf(ctx), { action: "auth.second-factor-disabled", entityType: "User", entityId: ctx.actor.id, changes: { proof } });
  });
}

/**
 * Checks a code for a user with an enrolled second factor: a TOTP code of the current step ±1 not
 * older than the last one accepted, or an unused recovery code (then spent, with an audit event).
 * Each succeeds at most once, also under concurrent attempts (a conditional update decides).
 */
export async function checkSecondFactor(userId: string, code: string, now = new Date(), ip: string | null = null): Promise<"totp" | "recovery" | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) return null;
  const compact = code.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) {
    const step = await totpStepOf(openTotpSecret(user.totpSecret), compact, user.totpLastStep, now);
    if (step === null) return null;
    const { count } = await db().user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  if (compact.length !== 10) return null;
  return db().$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(userId, compact), usedAt: null }, data: { usedAt: now } });
    if (count !== 1) return null;
    const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
    await appendAuditEvent(tx, { actorId: userId, actorEmail: user.email, requestId: null, ip }, {
      action: "auth.recovery-code-used",
      entityType: "User",
      entityId: userId,
      changes: { recoveryCodesLeft: left },
    });
    return "recovery" as const;
  });
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return !!user?.totpEnabledAt;
}

/** The time step a code belongs to (current ±1, after `afterStep`), or null when it is not valid. */
async function totpStepOf(secret: string, token: string, afterStep: number | null, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

function hashRecoveryCode(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${code.replace(/[\s-]/g, "").toLowerCase()}`).digest("hex");
}
