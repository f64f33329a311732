import { z } from "zod";

const username = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(30, "Use at most 30 characters.")
  .regex(/^[a-z0-9_]+$/i, "Use only letters, digits and underscores.");

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

const password = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

const name = z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters.");
const bio = z.string().trim().max(500, "Use at most 500 characters.");

export const signUpSchema = z.object({ email, username, name, password });

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password."),
  remember: z.boolean().default(false),
});

export const profileSchema = z.object({ name, bio });

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match.",
  });

// A profile address that cannot be a username is not looked up at all.
export function isUsername(value: string): boolean {
  return /^[a-z0-9_]{3,30}$/i.test(value);
}
