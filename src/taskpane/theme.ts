export type ThemeMode = "light" | "dark";

/**
 * Relative luminance (WCAG 2.x) of a CSS hex colour such as "#1f1f1f" or "#fff";
 * null when the text is not a hex colour.
 */
export function relativeLuminance(color: string): number | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (hex === undefined) {
    return null;
  }
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex;
  const [red, green, blue] = [0, 2, 4].map((start) => {
    const channel = parseInt(full.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/**
 * Below this luminance white text contrasts better than black text
 * (the two contrast ratios are equal at sqrt(1.05 * 0.05) - 0.05), so the pane goes dark.
 */
const DARK_BELOW_LUMINANCE = Math.sqrt(1.05 * 0.05) - 0.05;

/**
 * The task pane's theme: follows the Office body background when Office reports one,
 * otherwise (plain browser, or an unreadable colour) the browser's colour-scheme preference.
 */
export function themeModeFor(
  officeBackground: string | null | undefined,
  prefersDark: boolean
): ThemeMode {
  const luminance = officeBackground ? relativeLuminance(officeBackground) : null;
  if (luminance === null) {
    return prefersDark ? "dark" : "light";
  }
  return luminance < DARK_BELOW_LUMINANCE ? "dark" : "light";
}
