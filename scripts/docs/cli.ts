import { USAGE } from "../../src/cli/main";
import type { GeneratedFile } from "./index";

/** The usage text of docs/cli.md: what `okr --help` prints. */
export function cliUsage(): GeneratedFile[] {
  return [{ path: "docs/cli.md", region: "usage", content: `\`\`\`text\n${USAGE}\`\`\`\n` }];
}
