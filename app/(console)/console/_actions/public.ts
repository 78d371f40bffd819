"use server";

import { headers } from "next/headers";
import { acceptInvitation, requestPasswordReset, resetPassword, signUp } from "@/lib/auth/accounts";
import { actionError, type ActionResult } from "@/lib/console/context";
import { clientIp } from "@/lib/http/client-ip";

// Actions of the signed-out pages. Each answers with what the form shows; the caller then signs in
// with the credentials the person just typed.

export async function requestResetAction(email: string): Promise<ActionResult<null>> {
  try {
    await requestPasswordReset(String(email));
    return { ok: true, data: null };
  } catch (error) {
    return actionError(error);
  }
}

export async function resetPasswordAction(token: string, password: string): Promise<ActionResult<{ email: string }>> {
  try {
    return { ok: true, data: await resetPassword(String(token), String(password)) };
  } catch (error) {
    return actionError(error);
  }
}

export async function acceptInvitationAction(token: string, input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const accepted = await acceptInvitation(String(token), input as never, clientIp(await headers()));
    return { ok: true, data: { email: accepted.email } };
  } catch (error) {
    return actionError(error);
  }
}

export async function signUpAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const created = await signUp(input as never, clientIp(await headers()));
    return { ok: true, data: { email: created.email } };
  } catch (error) {
    return actionError(error);
  }
}
