export { generateCampaignOtp as POST } from "@/lib/compat/campaign/handlers";
