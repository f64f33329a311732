import { z } from "zod";

const message = "limit must be a whole number from 1 to 100.";

export const leaderboardQuerySchema = z.object({
  limit: z.coerce
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(100, message)
    .default(10),
});
