/**
 * 旧字体・異体字 → 新字体 folding table (matching keys only; never shown to users).
 * Pairs are written as "旧新" two-character strings.
 */
const PAIRS =
  "髙高﨑崎嵜崎埼埼齋斎齊斉邊辺邉辺澤沢會会國国學学廣広藝芸鐵鉄鑛鉱淺浅錢銭氣気澁渋纎繊纖繊蠟蝋櫻桜實実寶宝" +
  "佛仏惠恵榮栄圓円眞真濱浜濵浜嶋島嶌島冨富德徳舘館檜桧驒騨彌弥豐豊萬万發発團団壽寿與与亞亜惡悪壓圧圍囲" +
  "醫医爲為隱隠營営驛駅鹽塩奧奥應応歐欧假仮價価畫画壞壊懷懐樂楽擧挙據拠勸勧卷巻歡歓關関觀観歸帰舊旧僞偽" +
  "戲戯犧犠峽峡狹狭曉暁勳勲經経輕軽繼継鷄鶏缺欠儉倹劍剣圈圏檢検權権獻献縣県顯顕險険驗験嚴厳效効恆恒號号" +
  "黑黒濟済碎砕劑剤册冊雜雑參参慘惨棧桟蠶蚕贊賛殘残絲糸齒歯兒児辭辞濕湿舍舎寫写釋釈收収從従獸獣縱縦肅粛" +
  "處処緖緒敍叙將将燒焼稱称證証乘乗剩剰壤壌孃嬢條条淨浄疊畳讓譲釀醸觸触寢寝愼慎晉晋盡尽圖図粹粋醉酔隨随" +
  "髓髄數数樞枢瀨瀬聲声靜静竊窃專専戰戦潛潜踐践禪禅雙双壯壮搜捜插挿爭争總総聰聡莊荘裝装騷騒藏蔵臟臓續続" +
  "墮堕體体對対帶帯滯滞臺台瀧滝擇択單単擔担膽胆彈弾斷断遲遅晝昼蟲虫鑄鋳廳庁聽聴鎭鎮遞逓轉転點点傳伝黨党" +
  "盜盗燈灯當当鬪闘獨独讀読屆届繩縄貳弐惱悩腦脳霸覇廢廃拜拝賣売麥麦髮髪拔抜晚晩蠻蛮祕秘拂払竝並變変辨弁" +
  "瓣弁辯弁舖舗步歩沒没滿満默黙譯訳藥薬豫予餘余譽誉搖揺樣様謠謡來来賴頼亂乱覽覧兩両獵猟綠緑壘塁勵励禮礼" +
  "靈霊齡齢戀恋爐炉勞労樓楼錄録灣湾桒桑栁柳舩船曻昇塚塚﨔欅搆構槗橋籠篭渕渕淵渕廸迪邨村峯峰嶽岳岡岡" +
  "藪薮莖茎螢蛍榮栄巖巌穗穂稻稲龜亀鬭闘鷗鴎麪麺";

export const KYUJI: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = Array.from(PAIRS);
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const from = chars[i] as string;
    const to = chars[i + 1] as string;
    if (from !== to) m.set(from, to);
  }
  return m;
})();

const KYUJI_RE = new RegExp(`[${Array.from(KYUJI.keys()).join("")}]`, "gu");

export function foldKyuji(s: string): string {
  return s.replace(KYUJI_RE, (c) => KYUJI.get(c) ?? c);
}

const SMALL: Record<string, string> = {
  ァ: "ア",
  ィ: "イ",
  ゥ: "ウ",
  ェ: "エ",
  ォ: "オ",
  ッ: "ツ",
  ャ: "ヤ",
  ュ: "ユ",
  ョ: "ヨ",
  ヮ: "ワ",
  ヵ: "カ",
  ヶ: "ケ",
  ヰ: "イ",
  ヱ: "エ",
  ぁ: "あ",
  ぃ: "い",
  ぅ: "う",
  ぇ: "え",
  ぉ: "お",
  っ: "つ",
  ゃ: "や",
  ゅ: "ゆ",
  ょ: "よ",
  ゎ: "わ",
  ゐ: "い",
  ゑ: "え",
};

export function foldSmallKana(s: string): string {
  return s.replace(/[ァィゥェォッャュョヮヵヶヰヱぁぃぅぇぉっゃゅょゎゐゑ]/g, (c) => SMALL[c] ?? c);
}

export function hiraganaToKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Hyphen / dash / long-vowel look-alikes that NFKC leaves alone (or produces). */
export const HYPHEN_CLASS = "\\-˗֊‐‑‒–—⁃⁻₋−─━―ｰー－﹣";
const HYPHEN_ANY = new RegExp(`[${HYPHEN_CLASS}]`, "g");

function isKanaCode(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || (c >= 0x3041 && c <= 0x3096);
}

/** Hyphen look-alikes: ー after kana, "-" elsewhere (the neologdn rule). */
export function unifyHyphens(s: string): string {
  return s.replace(HYPHEN_ANY, (_c, off: number, str: string) => (isKanaCode(str.charCodeAt(off - 1)) ? "ー" : "-"));
}

/** ヶ/ヵ/ケ/が between kanji (関ヶ原, 鶴が谷) → ケ. */
export function foldGa(s: string): string {
  return s.replace(/(?<=\p{Script=Han})[ヶヵケが](?=\p{Script=Han})/gu, "ケ").replace(/ヶ/g, "ケ");
}
