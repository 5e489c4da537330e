import { createRoot } from "react-dom/client";
import { App } from "./App";
import { officeBackground, watchOfficeTheme, whenOfficeReady } from "./officeHost";
import { themeModeFor } from "./theme";

async function start(container: HTMLElement): Promise<void> {
  const host = await whenOfficeReady();
  const root = createRoot(container);
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  let background = officeBackground();
  const render = () =>
    root.render(<App themeMode={themeModeFor(background, prefersDark.matches)} host={host} />);

  watchOfficeTheme((newBackground) => {
    background = newBackground;
    render();
  });
  // Outside Office (or in hosts that report no theme) the browser preference decides, live.
  prefersDark.addEventListener("change", render);
  render();
}

const container = document.getElementById("container");
if (container === null) {
  throw new Error("taskpane.html has no #container element");
}
start(container).catch((error: unknown) => {
  container.textContent = "OKR Studio could not start. Reload the add-in to try again.";
  throw error;
});
