import { el } from "./grid";

/*
 * A question the page asks before it does something that cannot be taken back (replace unsaved work, delete
 * a sheet, read dates one way or the other): a modal <dialog>, which the browser keeps focus inside and closes
 * with Escape (the answer is then the cancelling one), returning focus to where it was.
 */

export interface Choice<T extends string> {
  value: T;
  label: string;
  primary?: boolean;
}

export function ask<T extends string>(title: string, text: string | string[], choices: Choice<T>[], cancel: T): Promise<T> {
  const dialog = el("dialog", "ask");
  const heading = el("h2", "", title);
  heading.id = `ask-${Date.now()}`;
  dialog.setAttribute("aria-labelledby", heading.id);
  const body = el("div", "ask-text");
  for (const line of Array.isArray(text) ? text : [text]) body.append(el("p", "", line));
  const buttons = el("div", "ask-buttons");
  const back = document.activeElement as HTMLElement | null;
  return new Promise<T>((resolve) => {
    let answer = cancel;
    for (const c of choices) {
      const b = el("button", `btn-dialog${c.primary ? " primary" : ""}`, c.label);
      b.type = "button";
      b.dataset.choice = c.value;
      b.addEventListener("click", () => {
        answer = c.value;
        dialog.close();
      });
      buttons.append(b);
    }
    dialog.append(heading, body, buttons);
    dialog.addEventListener("close", () => {
      dialog.remove();
      back?.focus({ preventScroll: true });
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (buttons.querySelector<HTMLButtonElement>(`[data-choice="${cancel}"]`) ?? buttons.querySelector("button"))?.focus();
  });
}
