/*
 * Fluent's dark theme in a chunk of its own (App.tsx loads it when the pane goes dark), so the
 * first load carries only the light theme's tokens.
 */
export { webDarkTheme } from "@fluentui/react-components";
