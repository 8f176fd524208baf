/** A tiny element builder for the workshop pages: text children are text nodes, never HTML. */
export function h(tag: string, attrs: Record<string, string> = {}, children: (Node | string)[] = []): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

/** Redraw `draw` keeping focus on the same control (by id or test id), so a redraw never steals the cursor. */
export function keepingFocus(draw: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const id = active?.id;
  const testId = active?.dataset.testid;
  draw();
  const again = id ? document.getElementById(id) : testId ? document.querySelector<HTMLElement>(`[data-testid="${testId}"]`) : null;
  again?.focus();
}
