-- AlterEnum
-- CONTRACT §2/§11's fourth role, for `user:create --role viewer`. IF NOT EXISTS: the console's
-- branch may add the same value; whichever migration runs second then does nothing.
ALTER TYPE "MemberRole" ADD VALUE IF NOT EXISTS 'viewer';
