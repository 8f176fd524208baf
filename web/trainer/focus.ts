/**
 * Where the focus goes when a dialog (the tour, the keys) closes: back to the button that opened
 * it only if the trainer got there with the keyboard (it shows a focus ring); after a mouse click,
 * a tap, a shortcut key or the tour opening by itself, nowhere, so that Space plays at once
 * instead of pressing the button again and reopening the dialog.
 */
export function focusOpener(): () => void {
  const el = document.activeElement;
  const back = el instanceof HTMLElement && el !== document.body && el.matches(':focus-visible') ? el : null;
  return () => {
    if (back?.isConnected) back.focus({ preventScroll: true });
    else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  };
}
