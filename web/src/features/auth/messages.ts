import type { MessageTable } from "../../i18n/types";

export const authMessages = {
  "login.subtitle": { ja: "中小企業支援業務システム", en: "SME support operations" },
  "login.org": { ja: "組織", en: "Organization" },
  "login.orgHint": {
    ja: "組織コードを入力してください（例: fukushima、mie）",
    en: "Your organization code (e.g. fukushima, mie)",
  },
  "login.loginId": { ja: "ログインID", en: "Login ID" },
  "login.password": { ja: "パスワード", en: "Password" },
  "login.submit": { ja: "ログイン", en: "Sign in" },

  "password.title": { ja: "パスワード変更", en: "Change password" },
  "password.policy": {
    ja: "{min}文字以上で設定してください。文字の種類の指定はありません。覚えやすく長い文（パスフレーズ）がおすすめです。",
    en: "At least {min} characters, any characters you like. A long passphrase is easiest to remember.",
  },
  "password.current": { ja: "現在のパスワード", en: "Current password" },
  "password.new": { ja: "新しいパスワード", en: "New password" },
  "password.confirm": { ja: "新しいパスワード（確認）", en: "New password (again)" },
  "password.mismatch": {
    ja: "確認用のパスワードが一致しません。同じパスワードを入力してください。",
    en: "The two passwords differ. Type the same password twice.",
  },
  "password.submit": { ja: "変更する", en: "Change password" },
  "password.changed": {
    ja: "パスワードを変更しました。他の端末でのログインは終了しました。",
    en: "Password changed. Your sessions on other devices have ended.",
  },
} satisfies MessageTable;
