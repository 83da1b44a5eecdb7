import { roundedSchedule, type ScheduleArgs } from "../rates/compound.fast";
import { MAX_CELLS } from "./common";
import { COMPOUNDTABLE_HEADER } from "./schedule";

/** COMPOUNDTABLE's kernel: the rows of COMPOUND's rounded schedule (rates/compound.fast.ts), within the size limit. */
export function compoundTableKernel(a: ScheduleArgs): (number | string)[][] | undefined {
  if ((a.periods + 1) * COMPOUNDTABLE_HEADER.length > MAX_CELLS) return undefined;
  const out: (number | string)[][] = [COMPOUNDTABLE_HEADER.slice()];
  return roundedSchedule(a, out) === undefined ? undefined : out;
}
