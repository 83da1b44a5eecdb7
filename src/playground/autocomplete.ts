import { autoUpdate, computePosition, flip, shift, size } from "@floating-ui/dom";
import { el } from "./grid";
import { formulaName, type FunctionMetadata } from "./metadata";

/*
 * Formula help for a text input (the cell editor and the formula bar): while a function name is being typed,
 * a list of matching functions with their descriptions (LEV's from functions.json, the spreadsheet's built-in
 * ones from HyperFormula's catalogue); inside a call's parentheses, its signature with the current argument and
 * that argument's description. The input is a combobox (WAI-ARIA's pattern: aria-expanded, aria-controls,
 * aria-activedescendant on the named listbox), and both pop-ups are placed by Floating UI so that they stay
 * inside the window (above the input when there is no room below).
 */

/** A function as the help shows it: LEV's, or a built-in one. */
export interface HelpEntry {
  /** As typed in a cell: LEV.MARGIN, SUM. */
  name: string;
  description: string;
  parameters: { name: string; description?: string; optional?: boolean }[];
}

/** LEV's functions as help entries. */
export function levEntries(functions: FunctionMetadata[]): HelpEntry[] {
  return functions.map((f) => ({ name: formulaName(f), description: shortDescription(f), parameters: f.parameters }));
}

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

let helpIds = 0;

export class FormulaHelp {
  private readonly list = el("ul", "ac-list");
  private readonly help = el("div", "arg-help");
  private readonly id = `ac${++helpIds}`;
  private matches: HelpEntry[] = [];
  private active = 0;
  private input?: HTMLInputElement;
  private stopList?: () => void;
  private stopHelp?: () => void;
  private entries: HelpEntry[];

  constructor(functions: FunctionMetadata[]) {
    this.entries = levEntries(functions);
    this.list.id = `${this.id}-list`;
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Functions");
    this.list.hidden = true;
    this.help.hidden = true;
    this.help.setAttribute("role", "tooltip");
    this.help.id = `${this.id}-help`;
    document.body.append(this.list, this.help);
    this.list.addEventListener("mousedown", (e) => {
      const item = (e.target as HTMLElement).closest<HTMLElement>("li[data-index]");
      if (!item) return;
      e.preventDefault();
      this.active = Number(item.dataset.index);
      this.accept();
    });
  }

  /** Adds the spreadsheet's built-in functions after LEV's (names LEV's do not already use). */
  addBuiltins(builtins: HelpEntry[]): void {
    const known = new Set(this.entries.map((e) => e.name));
    this.entries = [...this.entries, ...builtins.filter((b) => !known.has(b.name)).sort((a, b) => a.name.localeCompare(b.name))];
  }

  /** Follows `input`: call update() on input and caret moves, and keydown() first on key presses. */
  attach(input: HTMLInputElement): void {
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
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
    this.showList(false);
    this.showHelp(false);
  }

  private showList(on: boolean): void {
    this.list.hidden = !on;
    this.stopList?.();
    this.stopList = undefined;
    if (this.input) {
      this.input.setAttribute("aria-expanded", String(on));
      if (on) this.input.setAttribute("aria-activedescendant", `${this.id}-opt-${this.active}`);
      else this.input.removeAttribute("aria-activedescendant");
    }
    if (on && this.input) this.stopList = this.follow(this.list, this.input);
  }

  private showHelp(on: boolean): void {
    this.help.hidden = !on;
    this.stopHelp?.();
    this.stopHelp = undefined;
    if (this.input) {
      if (on) this.input.setAttribute("aria-describedby", this.help.id);
      else if (this.input.getAttribute("aria-describedby") === this.help.id) this.input.removeAttribute("aria-describedby");
    }
    if (on && this.input) this.stopHelp = this.follow(this.help, this.input);
  }

  /** Handles the list's keys; returns true when the key was used. */
  keydown(e: KeyboardEvent): boolean {
    if (this.list.hidden) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : -1) + this.matches.length) % this.matches.length;
      this.drawList();
      this.input?.setAttribute("aria-activedescendant", `${this.id}-opt-${this.active}`);
      return true;
    }
    if (e.key === "Tab" || e.key === "Enter") {
      this.accept();
      return true;
    }
    if (e.key === "Escape") {
      this.showList(false);
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
        ? this.entries.filter((f) => f.name.startsWith(typed) || (!typed.includes(".") && f.name.startsWith("LEV.") && f.name.slice(4).startsWith(typed))).slice(0, 200)
        : [];
    if (this.matches.length && !(this.matches.length === 1 && this.matches[0]!.name === typed)) {
      this.active = Math.min(this.active, this.matches.length - 1);
      this.drawList();
      this.showList(true);
    } else this.showList(false);

    const call = callAtCaret(input.value, caret);
    const fn = call && this.entries.find((f) => f.name === call.name);
    if (fn && this.list.hidden) {
      this.drawHelp(fn, call.arg);
      this.showHelp(true);
    } else this.showHelp(false);
  }

  private accept(): void {
    const input = this.input;
    const fn = this.matches[this.active];
    if (!input || !fn) return;
    const caret = input.selectionStart ?? input.value.length;
    const typed = nameAtCaret(input.value, caret) ?? "";
    const insert = `${fn.name}(`;
    input.value = input.value.slice(0, caret - typed.length) + insert + input.value.slice(caret);
    const at = caret - typed.length + insert.length;
    input.setSelectionRange(at, at);
    this.showList(false);
    input.dispatchEvent(new Event("input"));
  }

  private drawList(): void {
    const items = this.matches.map((f, i) => {
      const li = el("li", i === this.active ? "active" : "");
      li.id = `${this.id}-opt-${i}`;
      li.dataset.index = String(i);
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === this.active));
      li.append(el("span", "ac-name", f.name), el("span", "ac-desc", f.description));
      return li;
    });
    this.list.replaceChildren(...items);
    this.list.querySelector(".active")?.scrollIntoView({ block: "nearest" });
  }

  private drawHelp(fn: HelpEntry, arg: number): void {
    const sig = el("div", "sig");
    sig.append(`${fn.name}(`);
    fn.parameters.forEach((p, i) => {
      if (i) sig.append(", ");
      sig.append(el(i === arg ? "b" : "span", "", p.optional ? `[${p.name}]` : p.name));
    });
    sig.append(")");
    const param = fn.parameters[arg];
    const parts: HTMLElement[] = [sig];
    if (param?.description) parts.push(el("div", "param", `${param.name}: ${param.description}`));
    parts.push(el("div", "desc", fn.description));
    this.help.replaceChildren(...parts);
    this.help.title = `${fn.name}(${fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`;
  }

  /** Keeps a pop-up under the input (or above it), inside the window, as long as it is open. */
  private follow(popup: HTMLElement, input: HTMLInputElement): () => void {
    return autoUpdate(input, popup, () => {
      void computePosition(input, popup, {
        placement: "bottom-start",
        strategy: "fixed",
        middleware: [
          flip({ padding: 4 }),
          shift({ padding: 4 }),
          size({
            padding: 4,
            apply({ availableHeight, availableWidth }) {
              popup.style.maxHeight = `${Math.max(80, Math.min(280, availableHeight))}px`;
              popup.style.maxWidth = `${Math.max(200, availableWidth)}px`;
            },
          }),
        ],
      }).then(({ x, y }) => {
        popup.style.left = `${Math.round(x)}px`;
        popup.style.top = `${Math.round(y)}px`;
      });
    });
  }
}

/** A function's description without its trailing example (shown in full elsewhere). */
export function shortDescription(fn: FunctionMetadata): string {
  return (fn.description ?? "").replace(/\s*Example:.*$/s, "");
}
