export { verifyCampaignOtp as POST } from "@/lib/compat/campaign/handlers";
