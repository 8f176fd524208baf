/**
 * Panels rebuilt whole (the comparison, the sweep, the exports) would drop the focus of a button
 * or list just used: give it back to the element that now has the same id or test id.
 */
export function keepFocus(draw: () => void): void {
  const a = document.activeElement as HTMLElement | null;
  const key = a?.id ? `#${CSS.escape(a.id)}` : a?.dataset.testid ? `[data-testid="${a.dataset.testid}"]` : null;
  draw();
  if (!key || !a || a.isConnected) return;
  const again = document.querySelector<HTMLElement>(key);
  if (again && !(again as HTMLButtonElement).disabled) again.focus();
}
