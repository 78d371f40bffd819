export { rateLimitsMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
