/** The sentence forms in the order they are tried (`FORMS`). */
import type { Form } from "../types";
import { fromToForm } from "./fromTo";
import { multiplierForm } from "./multiplier";
import { zeroForm } from "./zero";
import { changeForm, periodChangeForm } from "./change";
import { countToReachForm, newCountForm } from "./count";
import { definiteSetForm, deliverableWithScopeForm } from "./deliverable";
import { boundForm, downVerbCeilingForm, durationCeilingForm } from "./level";
import { currentAsBaselineForm, impliedBaselineForm, timesCurrentForm } from "./baseline";

/** The sentence forms, tried in order: the first that reads the sentence gives the reading. */
export const FORMS: readonly (readonly [string, Form])[] = [
  ["from X to Y", fromToForm],
  ["multiplier", multiplierForm],
  ["zero", zeroForm],
  ["change without by", periodChangeForm],
  ["change by N", changeForm],
  ["N new", newCountForm],
  ["deliverable with scope", deliverableWithScopeForm],
  ["level to hold", boundForm],
  ["duration ceiling", durationCeilingForm],
  ["current as baseline", currentAsBaselineForm],
  ["times current", timesCurrentForm],
  ["implied baseline", impliedBaselineForm],
  ["down verb, no baseline", downVerbCeilingForm],
  ["definite set", definiteSetForm],
  ["count to reach", countToReachForm],
];
