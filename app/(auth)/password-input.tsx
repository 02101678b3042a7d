"use client";

import { useTranslations } from "next-intl";
import { forwardRef, useState, type InputHTMLAttributes } from "react";
import { Input } from "@/app/_components/ui";

export const PasswordInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function PasswordInput(props, ref) {
  const [shown, setShown] = useState(false);
  const t = useTranslations("auth");
  return (
    <div className="relative">
      <Input ref={ref} {...props} type={shown ? "text" : "password"} className="pr-20" />
      <button
        type="button"
        className="absolute inset-y-0 right-0 min-w-16 px-3 text-sm text-brand-700"
        onClick={() => setShown((s) => !s)}
        aria-pressed={shown}
      >
        {shown ? t("hidePassword") : t("showPassword")}
      </button>
    </div>
  );
});
