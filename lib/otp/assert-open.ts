import type { Verification } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";

/** Verify and resend work only on a pending verification; each other state has its own answer. */
export function assertOpen(verification: Verification): void {
  switch (verification.status) {
    case "pending":
      return;
    case "approved":
      throw new ApiError("already_verified", "This verification was already approved.", { verificationStatus: "approved" });
    case "expired":
      throw new ApiError("expired", "This verification has expired. Send a new code.");
    case "canceled":
      throw new ApiError("canceled", "This verification was canceled (perhaps replaced by a newer send). Send a new code.");
    case "failed":
      throw new ApiError("failed", "Too many wrong codes were given for this verification. Send a new code.");
  }
}
