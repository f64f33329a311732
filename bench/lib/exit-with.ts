// How a benchmark command ends: exit code 0 when its checks passed, 1 when one failed or the run
// itself threw (with its stack, named by the command), so that a script or CI can tell.
export function exitWith(command: string, run: () => Promise<boolean>): void {
  run().then(
    (passed) => process.exit(passed ? 0 : 1),
    (error) => {
      console.error(`${command}: ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
