export { attemptsMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
