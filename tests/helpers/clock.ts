/** A clock that moves only when told: `now` for a library's clock option, `advance` instead of a sleep. */
export function manualClock(start = Date.now()) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}
