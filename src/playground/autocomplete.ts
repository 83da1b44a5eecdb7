import { el } from "./grid";
import { formulaName, signature, type FunctionMetadata } from "./metadata";

/*
 * Formula help for a text input (the cell editor and the formula bar), read from functions.json: while a
 * function name is being typed, a list of matching LEV functions with their descriptions; inside a call's
 * parentheses, its signature with the current argument and that argument's description.
 */

/** The function name being typed just before the caret, if the text is a formula. */
export function nameAtCaret(text: string, caret: number): string | undefined {
  if (!text.startsWith("=")) return undefined;
  const before = text.slice(0, caret);
  if (insideString(before)) return undefined;
  const m = /(?:^=|[(,;+\-*/^&=<>:\s{])([A-Za-z][A-Za-z0-9_.]*)$/.exec(before);
  return m ? m[1] : undefined;
}

function insideString(text: string): boolean {
  let quotes = 0;
  for (const ch of text) if (ch === '"') quotes++;
  return quotes % 2 === 1;
}

/** The innermost unclosed call around the caret: its name and which argument (from 0) the caret is in. */
export function callAtCaret(text: string, caret: number): { name: string; arg: number } | undefined {
  if (!text.startsWith("=")) return undefined;
  const stack: { name: string; arg: number }[] = [];
  let inString = false;
  let braces = 0;
  const before = text.slice(0, caret);
  for (let i = 0; i < before.length; i++) {
    const ch = before[i]!;
    if (ch === '"') inString = !inString;
    if (inString) continue;
    if (ch === "{") braces++;
    else if (ch === "}") braces = Math.max(0, braces - 1);
    else if (ch === "(") {
      const m = /([A-Za-z][A-Za-z0-9_.]*)$/.exec(before.slice(0, i));
      stack.push({ name: m ? m[1]!.toUpperCase() : "", arg: 0 });
    } else if (ch === ")") stack.pop();
    else if ((ch === "," || ch === ";") && braces === 0 && stack.length) stack[stack.length - 1]!.arg++;
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.name) return stack[i];
  return undefined;
}

export class FormulaHelp {
  private readonly list = el("ul", "ac-list");
  private readonly help = el("div", "arg-help");
  private matches: FunctionMetadata[] = [];
  private active = 0;
  private input?: HTMLInputElement;

  constructor(private readonly functions: FunctionMetadata[]) {
    this.list.setAttribute("role", "listbox");
    this.list.hidden = true;
    this.help.hidden = true;
    document.body.append(this.list, this.help);
    this.list.addEventListener("mousedown", (e) => {
      const item = (e.target as HTMLElement).closest<HTMLElement>("li[data-index]");
      if (!item) return;
      e.preventDefault();
      this.active = Number(item.dataset.index);
      this.accept();
    });
  }

  /** Follows `input`: call update() on input and caret moves, and keydown() first on key presses. */
  attach(input: HTMLInputElement): void {
    input.addEventListener("input", () => this.update(input));
    input.addEventListener("click", () => this.update(input));
    input.addEventListener("keyup", (e) => {
      if (e.key.startsWith("Arrow") && this.list.hidden) this.update(input);
    });
    input.addEventListener("blur", () => this.hide());
  }

  get open(): boolean {
    return !this.list.hidden;
  }

  hide(): void {
    this.list.hidden = true;
    this.help.hidden = true;
  }

  /** Handles the list's keys; returns true when the key was used. */
  keydown(e: KeyboardEvent): boolean {
    if (this.list.hidden) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : -1) + this.matches.length) % this.matches.length;
      this.drawList();
      return true;
    }
    if (e.key === "Tab" || e.key === "Enter") {
      this.accept();
      return true;
    }
    if (e.key === "Escape") {
      this.list.hidden = true;
      return true;
    }
    return false;
  }

  update(input: HTMLInputElement): void {
    this.input = input;
    const caret = input.selectionStart ?? input.value.length;
    const typed = nameAtCaret(input.value, caret)?.toUpperCase();
    this.matches =
      typed && typed.length >= 1
        ? this.functions.filter((f) => {
            const name = formulaName(f);
            return name.startsWith(typed) || (!typed.includes(".") && f.name.toUpperCase().startsWith(typed));
          })
        : [];
    if (this.matches.length && !(this.matches.length === 1 && formulaName(this.matches[0]!) === typed)) {
      this.active = Math.min(this.active, this.matches.length - 1);
      this.drawList();
      this.place(this.list, input);
      this.list.hidden = false;
    } else this.list.hidden = true;

    const call = callAtCaret(input.value, caret);
    const fn = call && this.functions.find((f) => formulaName(f) === call.name);
    if (fn && this.list.hidden) {
      this.drawHelp(fn, call.arg);
      this.place(this.help, input);
      this.help.hidden = false;
    } else this.help.hidden = true;
  }

  private accept(): void {
    const input = this.input;
    const fn = this.matches[this.active];
    if (!input || !fn) return;
    const caret = input.selectionStart ?? input.value.length;
    const typed = nameAtCaret(input.value, caret) ?? "";
    const insert = `${formulaName(fn)}(`;
    input.value = input.value.slice(0, caret - typed.length) + insert + input.value.slice(caret);
    const at = caret - typed.length + insert.length;
    input.setSelectionRange(at, at);
    this.list.hidden = true;
    input.dispatchEvent(new Event("input"));
  }

  private drawList(): void {
    const items = this.matches.map((f, i) => {
      const li = el("li", i === this.active ? "active" : "");
      li.dataset.index = String(i);
      li.setAttribute("role", "option");
      li.append(el("span", "ac-name", formulaName(f)), el("span", "ac-desc", shortDescription(f)));
      return li;
    });
    this.list.replaceChildren(...items);
    this.list.querySelector(".active")?.scrollIntoView({ block: "nearest" });
  }

  private drawHelp(fn: FunctionMetadata, arg: number): void {
    const sig = el("div", "sig");
    sig.append(`${formulaName(fn)}(`);
    fn.parameters.forEach((p, i) => {
      if (i) sig.append(", ");
      sig.append(el(i === arg ? "b" : "span", "", p.optional ? `[${p.name}]` : p.name));
    });
    sig.append(")");
    const param = fn.parameters[arg];
    const parts: HTMLElement[] = [sig];
    if (param?.description) parts.push(el("div", "param", `${param.name}: ${param.description}`));
    parts.push(el("div", "desc", shortDescription(fn)));
    this.help.replaceChildren(...parts);
    this.help.title = signature(fn);
  }

  private place(popup: HTMLElement, input: HTMLInputElement): void {
    const r = input.getBoundingClientRect();
    popup.style.left = `${Math.round(r.left + window.scrollX)}px`;
    popup.style.top = `${Math.round(r.bottom + window.scrollY + 2)}px`;
  }
}

/** A function's description without its trailing example (shown in full elsewhere). */
export function shortDescription(fn: FunctionMetadata): string {
  return (fn.description ?? "").replace(/\s*Example:.*$/s, "");
}
