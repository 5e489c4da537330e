import { Spinner } from "@fluentui/react-components";
import { lazy, Suspense } from "react";

/** The check-in tab, its form loaded on demand (it is not needed at first paint). */
const CheckInView = lazy(() => import("./CheckInView"));

export function CheckIn() {
  return (
    <Suspense fallback={<Spinner size="tiny" label="Loading the check-in form" />}>
      <CheckInView />
    </Suspense>
  );
}
