/**
 * Prefecture of a municipality written without its prefecture, for the cities where it is unambiguous
 * and common in business addresses: Tokyo's 23 wards and Tama cities, 政令指定都市, prefectural
 * capitals and other large cities; names shared by two prefectures (伊達市, 府中市) are left out. Unknown → null (the engine then treats the prefecture as unknown).
 */
const TABLE: Record<string, string> = {
  東京都:
    "千代田区 中央区 港区 新宿区 文京区 台東区 墨田区 江東区 品川区 目黒区 大田区 世田谷区 渋谷区 中野区 杉並区 豊島区 北区 荒川区 板橋区 練馬区 足立区 葛飾区 江戸川区 " +
    "八王子市 立川市 武蔵野市 三鷹市 青梅市 府中市 昭島市 調布市 町田市 小金井市 小平市 日野市 東村山市 国分寺市 国立市 福生市 狛江市 東大和市 清瀬市 東久留米市 武蔵村山市 多摩市 稲城市 羽村市 あきる野市 西東京市",
  北海道: "札幌市 旭川市 函館市 帯広市 釧路市 苫小牧市 小樽市 北見市 江別市 千歳市",
  青森県: "青森市 八戸市 弘前市",
  岩手県: "盛岡市",
  宮城県: "仙台市 石巻市 名取市 多賀城市",
  秋田県: "秋田市",
  山形県: "山形市 米沢市 鶴岡市 酒田市",
  福島県: "福島市 郡山市 いわき市 会津若松市 須賀川市 白河市 二本松市 南相馬市 本宮市 相馬市 喜多方市",
  茨城県: "水戸市 つくば市 日立市 土浦市 ひたちなか市 古河市 石岡市",
  栃木県: "宇都宮市 小山市 栃木市 足利市",
  群馬県: "前橋市 高崎市 太田市 伊勢崎市 桐生市",
  埼玉県: "さいたま市 川口市 川越市 所沢市 越谷市 草加市 春日部市 熊谷市",
  千葉県: "千葉市 船橋市 松戸市 市川市 柏市 市原市 浦安市 習志野市",
  神奈川県: "横浜市 川崎市 相模原市 横須賀市 藤沢市 平塚市 茅ヶ崎市 茅ケ崎市 厚木市 大和市 小田原市 鎌倉市",
  新潟県: "新潟市 長岡市 上越市",
  富山県: "富山市 高岡市",
  石川県: "金沢市 白山市 小松市",
  福井県: "福井市",
  山梨県: "甲府市",
  長野県: "長野市 松本市 上田市",
  岐阜県: "岐阜市 大垣市 各務原市",
  静岡県: "静岡市 浜松市 沼津市 富士市",
  愛知県: "名古屋市 豊田市 豊橋市 岡崎市 一宮市 春日井市 刈谷市 安城市 豊川市 みよし市",
  三重県: "津市 四日市市 鈴鹿市 松阪市 伊勢市 桑名市 伊賀市 名張市 尾鷲市 亀山市 いなべ市",
  滋賀県: "大津市 草津市 彦根市 長浜市",
  京都府: "京都市 宇治市",
  大阪府: "大阪市 堺市 東大阪市 豊中市 吹田市 高槻市 枚方市 茨木市 八尾市",
  兵庫県: "神戸市 姫路市 西宮市 尼崎市 明石市 加古川市 伊丹市 宝塚市",
  奈良県: "奈良市",
  和歌山県: "和歌山市",
  鳥取県: "鳥取市 米子市",
  島根県: "松江市",
  岡山県: "岡山市 倉敷市",
  広島県: "広島市 福山市 呉市",
  山口県: "山口市 下関市 宇部市 周南市",
  徳島県: "徳島市",
  香川県: "高松市 丸亀市",
  愛媛県: "松山市 今治市 新居浜市",
  高知県: "高知市",
  福岡県: "福岡市 北九州市 久留米市 古賀市",
  佐賀県: "佐賀市",
  長崎県: "長崎市 佐世保市",
  熊本県: "熊本市",
  大分県: "大分市 別府市",
  宮崎県: "宮崎市 都城市",
  鹿児島県: "鹿児島市",
  沖縄県: "那覇市 沖縄市 浦添市",
};

const CITY_TO_PREF = new Map<string, string>();
for (const [pref, cities] of Object.entries(TABLE)) for (const c of cities.split(" ")) CITY_TO_PREF.set(c, pref);

/** Prefecture of a parsed city ("札幌市中央区" → 北海道, "港区" → 東京都), or null. */
export function guessPrefecture(city: string | undefined): string | null {
  if (!city) return null;
  const direct = CITY_TO_PREF.get(city);
  if (direct) return direct;
  const m = /^(.+?市)/.exec(city);
  return (m?.[1] && CITY_TO_PREF.get(m[1])) || null;
}
