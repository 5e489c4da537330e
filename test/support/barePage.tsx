import { Button, FluentProvider, Text, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

/*
 * The yardstick for the task pane's first load (issue 9): the least a Fluent UI page can be, a
 * FluentProvider with webLightTheme, a Text (as the heading whose first paint `npm run bench`
 * times) and a Button, built with the pane's own webpack settings (test/support/bundleSize.ts).
 */
const container = document.createElement("div");
document.body.append(container);
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <Text as="h1" size={500} weight="semibold">
      OKR Studio
    </Text>
    <Button appearance="primary">Start</Button>
  </FluentProvider>
);
