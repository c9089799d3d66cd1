import { setTheme, useTheme } from "../theme.ts";

export function ThemeToggle() {
  const theme = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="button button--ghost button--small"
      aria-label={`Switch to ${next} theme`}
      onClick={() => setTheme(next)}
    >
      {theme === "dark" ? "☀" : "☾"}
    </button>
  );
}
