// A measured figure against its documented bound, printed PASS or FAIL.
import { printTable } from "./measure";

export type Check = { check: string; measured: string; bound: string; pass: boolean };

const figure = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export const atMost = (check: string, measured: number, limit: number, unit = ""): Check => ({
  check,
  measured: `${figure(measured)}${unit}`,
  bound: `≤ ${figure(limit)}${unit}`,
  pass: measured <= limit,
});

export const atLeast = (check: string, measured: number, limit: number, unit = ""): Check => ({
  check,
  measured: `${figure(measured)}${unit}`,
  bound: `≥ ${figure(limit)}${unit}`,
  pass: measured >= limit,
});

export const equal = (check: string, measured: number, expected: number): Check => ({
  check,
  measured: String(measured),
  bound: `= ${expected}`,
  pass: measured === expected,
});

export function printChecks(checks: Check[]): void {
  printTable(
    ["check", "measured", "bound", "result"],
    checks.map((c) => [c.check, c.measured, c.bound, c.pass ? "PASS" : "FAIL"]),
  );
}
