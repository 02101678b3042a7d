"use client";

// The admin's management pages in one menu beside the main links, so the header fits one line at desktop
// width. On a phone the main links are in it too (they are hidden from the header row there).

import Link from "next/link";
import { DropdownMenu } from "radix-ui";

export type NavLink = { href: string; label: string };

export function NavMenu({ label, phoneLabel, primary, more }: { label: string; phoneLabel: string; primary: NavLink[]; more: NavLink[] }) {
  const item = (l: NavLink, className = "") => (
    <DropdownMenu.Item key={l.href} asChild>
      <Link
        href={l.href}
        className={`flex min-h-11 items-center rounded-md px-3 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100 ${className}`}
      >
        {l.label}
      </Link>
    </DropdownMenu.Item>
  );
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        className="flex min-h-11 items-center gap-1 rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100 data-[state=open]:bg-slate-100"
        data-testid="nav-menu"
      >
        <span className="sm:hidden">{phoneLabel}</span>
        <span className="hidden sm:inline">{label}</span>
        <span aria-hidden="true">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          className="z-50 min-w-48 rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
          data-testid="nav-menu-items"
        >
          {primary.map((l) => item(l, "sm:hidden"))}
          {primary.length > 0 && <DropdownMenu.Separator className="my-1 h-px bg-slate-200 sm:hidden" />}
          {more.map((l) => item(l))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
