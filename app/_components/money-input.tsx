"use client";

import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { fenToYuanString, normalizeYuanText, parseYuan } from "@/server/domain/money";
import { Input } from "./ui";

/**
 * A yuan amount as a person types it → fen, through the one parser (`parseYuan`): "1,234.5", "1，234.50",
 * "￥800", "１２００" (full-width) are amounts; "" is no amount (undefined); anything else is NaN, which the
 * zod schemas refuse as "not a number" so the field shows its error.
 */
export function parseMoney(text: string): number | undefined {
  const normal = normalizeYuanText(text);
  if (normal === "") return undefined;
  try {
    return parseYuan(normal);
  } catch {
    return Number.NaN;
  }
}

/** The same parse for a form that keeps its own text: fen, or null when empty or not an amount. */
export function moneyOrNull(text: string): number | null {
  const fen = parseMoney(text);
  return fen === undefined || Number.isNaN(fen) ? null : fen;
}

const same = (a: number | undefined, b: number | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type"> & {
  /** Fen; undefined when empty, NaN when the text is not an amount. */
  value: number | undefined;
  onChange: (fen: number | undefined) => void;
};

/**
 * A money field in yuan that reports fen (react-hook-form: use it through a Controller). It keeps what the
 * person typed while it means the same amount, so "1，000" stays as typed; a new value from outside (a reset,
 * a prefilled draft) replaces the text.
 */
export const MoneyInput = forwardRef<HTMLInputElement, Props>(function MoneyInput({ value, onChange, ...props }, ref) {
  const shown = (fen: number | undefined) => (fen === undefined || Number.isNaN(fen) ? "" : fenToYuanString(fen));
  const [text, setText] = useState(() => shown(value));
  if (!same(parseMoney(text), value) && !Number.isNaN(value) && text !== shown(value)) {
    // The value changed from outside (a reset, a draft): show it, adjusting state while rendering.
    setText(shown(value));
  }
  return (
    <Input
      ref={ref}
      {...props}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseMoney(e.target.value));
      }}
    />
  );
});
