import type { Locale } from "@shien/contracts";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type MessageKey, messages } from "../i18n/messages";
import { setApiLocale } from "./api";
import { type DateStyle, formatDate } from "./datetime";

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = "shien.locale";
const DATE_STYLE_KEY = "shien.dateStyle";

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "ja";
  } catch {
    return "ja"; // storage blocked: Japanese, the users' language
  }
}

/** 和暦 unless this browser chose 西暦: the plans and notices write 令和. */
function initialDateStyle(): DateStyle {
  try {
    return localStorage.getItem(DATE_STYLE_KEY) === "seireki" ? "seireki" : "wareki";
  } catch {
    return "wareki";
  }
}

/** `{name}` placeholders are replaced from vars; unknown placeholders are left visible. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** 和暦 or 西暦 for dates shown in Japanese (English always writes the Gregorian date) */
  dateStyle: DateStyle;
  setDateStyle: (style: DateStyle) => void;
  /** A stored calendar date ("2026-01-31") as this person reads dates; "" for none. */
  displayDate: (isoDate: string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    setApiLocale(locale);
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setApiLocale(next); // before the re-render, so a request fired by it already speaks `next`
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
  }, []);

  const [dateStyle, setDateStyleState] = useState<DateStyle>(initialDateStyle);
  const setDateStyle = useCallback((next: DateStyle) => {
    setDateStyleState(next);
    try {
      localStorage.setItem(DATE_STYLE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this tab.
    }
  }, []);

  const t = useCallback<Translate>((key, vars) => format(messages[key][locale], vars), [locale]);
  const displayDate = useCallback(
    (isoDate: string | null | undefined) => formatDate(isoDate, locale, dateStyle),
    [locale, dateStyle],
  );
  const value = useMemo(
    () => ({ locale, setLocale, t, dateStyle, setDateStyle, displayDate }),
    [locale, setLocale, t, dateStyle, setDateStyle, displayDate],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
