import { z } from "zod";

export const apiKeyNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name, e.g. where it is used.")
    .max(60, "Use at most 60 characters."),
});

export const apiKeyIdSchema = z.coerce.number().int().positive();
