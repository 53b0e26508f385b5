// Command-line options of the bench scripts.

/** Removes `name` and the value after it from `args` and returns the value (undefined when absent). */
export function takeOption(args, name) {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
}

/** Removes the flag `name` from `args`; whether it was there. */
export function takeFlag(args, name) {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}
