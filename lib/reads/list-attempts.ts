import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { findVerification } from "@/lib/otp/find-verification";

/** `GET /api/v1/otp/attempts` query. */
export const attemptsQuerySchema = z.object({ id: z.string().max(64).describe("the verification id") });

export type AttemptView = { at: string; success: boolean; reason: string; ip: string | null };

/** Every code check of one verification of the key's tenant, oldest first (another tenant's id: 404). */
export async function listAttempts(principal: ApiKeyPrincipal, id: string): Promise<{ data: AttemptView[] }> {
  const verification = await findVerification(principal, id);
  const prisma = await db();
  const attempts = await prisma.verifyAttempt.findMany({
    where: { verificationId: verification.id, tenantId: principal.tenantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    data: attempts.map((a) => ({
      at: a.createdAt.toISOString(),
      success: a.success,
      reason: a.reason,
      ip: a.ip,
    })),
  };
}
