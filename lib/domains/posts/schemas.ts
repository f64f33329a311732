import { z } from "zod";

const title = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(160, "Use at most 160 characters.");
const content = z
  .string()
  .trim()
  .min(10, "Write at least 10 characters.")
  .max(100_000, "Keep the article under 100,000 characters.");
const excerpt = z.string().trim().max(300, "Use at most 300 characters.");

export const createPostSchema = z.object({
  title,
  content,
  excerpt: excerpt.optional(),
  published: z.boolean().default(true),
});
export type CreatePostInput = z.infer<typeof createPostSchema>;

export const updatePostSchema = z
  .object({ title, content, excerpt, published: z.boolean() })
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, {
    message: "Send at least one field to change.",
  });

/**
 * Feed pages past this are neither kept in the feed's cache nor stored whole by the page cache:
 * any page number up to pageSchema's maximum can be asked for, and a stranger walking them all
 * would fill Redis (and make the feed's tag, forgotten by every change, thousands of keys long).
 */
export const MAX_CACHED_FEED_PAGE = 50;

export const pageSchema = z.coerce
  .number({ error: "page must be a whole number, 1 or more." })
  .int("page must be a whole number, 1 or more.")
  .min(1, "page must be a whole number, 1 or more.")
  .max(100_000, "page is too large.")
  .default(1);

export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);
