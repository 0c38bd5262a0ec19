/* test_text.c — the text checks: typos, foreign glyphs, mixed scripts, urgency, invisible and bidi characters. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "findings.h"
#include "message.h"
#include "text.h"
#include "util.h"

#define HAM TEST_CORPUS "/ham"
#define SEEDS TEST_CORPUS "/seeds"

struct pcase {
	const char *text;
	const char *span;   /* the text the finding must point at */
};

static const struct pcase typo_pos[] = {
	{ "最近のご利用について、よるくお願い申し上げます。", "よるくお願い申し上げます" },
	{ "なお、こ確認のお手続きは一回に限ります。", "こ確認" },
	{ "Copyright Pocketcard Co,Ltd.td. All rights reserved.", "Co,Ltd.td." },
	{ "いつもお世話になっでおります。", "いつもお世話になっでおります" },
	{ "ご利用いただきありかとうございます。", "ご利用いただきありかとうございます" },
	{ "お客様のアカウソトが停止されました。", "お客様のアカウソト" },
	{ "ワンタイムパスワ一ドを入力してください。", "ワンタイムパスワ一ド" },
	{ "下記のリンクからログインしてくたさい。", "ログインしてくたさい" },
	{ "ご不明な点がごさいましたらご連絡ください。", "ご不明な点がごさいましたら" },
	{ "セキュリテイ強化のため、情報を更新してください。", "セキュリテイ強化のため" },
	{ "クレジツトカードの有効期限が切れています。", "クレジツトカード" },
	{ "お客様情報の確認をよろしくお願いしまず。", "よろしくお願いしまず" },
	{ "今後ともよろしくお願いいたしますます。", "よろしくお願いいたしますます" },
	{ "大変申し訳ごさいませんでした。", "大変申し訳ごさいませんでした" },
	{ "ご迷惑をおがけいたしました。", "ご迷惑をおがけいたしました" },
	{ "お荷物のお届けにあかりましたが、ご不在でした。", "お届けにあかりましたが" },
	{ "再配達のこ依頼はこちらから。", "再配達のこ依頼" },
	{ "カ一ド会員様へのお知らせ", "カ一ド会員様" },
	{ "お持ちのポイソトが失効します。", "ポイソト" },
	{ "登録済みのメールアトレスをご確認ください。", "メールアトレス" },
	{ "いつもこ利用ありがとうございます。", "いつもこ利用ありがとうございます" },
	{ "詳しくはお問い合わせくたさい。", "お問い合わせくたさい" },
	{ "あらかじめご了承くだちい。", "あらかじめご了承くだちい" },
	{ "不正アクセズを検知しました。", "不正アクセズ" },
	{ "本人確認をお願いいたじます。", "本人確認をお願いいたじます" },
	{ "お世話になつております。", "お世話になつております" },
	{ "Your Amazom account has been locked.", "Amazom" },
	{ "Please update your acount information.", "acount" },
	{ "Click here to verifiy your identity.", "verifiy" },
	{ "Your pasword will expire soon.", "pasword" },
	{ "For your secuirty we have limited access.", "secuirty" },
	{ "Please confrim your payment details.", "confrim" },
	{ "Your Paypall balance is on hold.", "Paypall" },
	{ "Sign in to Micorsoft Office now.", "Micorsoft" },
	{ "Your Netflx membership was declined.", "Netflx" },
	{ "Acme Holdings Inc.nc. All rights reserved.", "Inc.nc." },
	{ "We could not verify your adress for shippment.", "adress" },
	{ "Please verify you account today.", "you" },
	{ "Kindly update you're payment infomation below.", "infomation" },
	{ "Log in to restore your B0NUS points.", "B0NUS" },
};
static const char *const typo_neg[] = {
	"いつもお世話になっております。",
	"ご確認ください。",
	"よろしくお願いします。",
	"よろしくお願いいたします。",
	"よろしくお願い致します。",
	"ご確認下さい。",
	"お手続きをお願いいたします。",
	"お願い致します。",
	"アカウント情報を更新しました。",
	"サーバの設定を確認します。",
	"Please update your accounts.",
	"The parcel was delivered yesterday.",
	"We deliver on Mondays.",
	"Amazon Prime membership",
	"Our offices are closed.",
	"Microsoft Office 365",
	"PayPal",
	"Pocketcard Co., Ltd.",
	"ご利用いただき、誠にありがとうございます。",
	"お問い合わせは下記まで",
	/* people's slips in ordinary mail: a misspelt word outside a phishing phrase */
	"Please send it to my new adress.",
	"Check the total at the bottom of your till reciept.",
	"More infomation is on our website.",
	"Sincerly, Bob",
	"The scheduler runs every night.",
	"Are you free on Friday? Let me know as soon as possible.",
	"来週の打ち合わせですか？",
	"よろしくおねがいします",
	"いつもお世話になってます",
};
static const struct pcase glyph_pos[] = {
	{ "お客様の账户が停止されました。", "账户" },
	{ "以下のリンクから确认してください。", "确认" },
	{ "请ログインしてください。", "请" },
	{ "验证コードを入力してください。", "验证" },
	{ "こちらから登录してください。", "登录" },
	{ "お客様の电话番号を確認します。", "电话番号" },
	{ "メールの邮件を確認してください。", "邮件" },
	{ "ご利用の银行口座が凍結されました。", "银行口座" },
	{ "お支払いの订单を確認してください。", "订单" },
	{ "カードの费用が未払いです。", "费用" },
	{ "アカウントの详细はこちらです。", "详细" },
	{ "お荷物の运送状況をご確認ください。", "运送状況" },
	{ "お届けの时间を選んでください。", "时间" },
	{ "パスワードを变更してください。", "变更" },
	{ "ログインの问题が発生しました。", "问题" },
	{ "ご利用の钱包が停止されます。", "钱包" },
	{ "会员情報を更新してください。", "会员情報" },
	{ "お客様の账号が凍結されました。", "账号" },
	{ "お支払い金额をご確認ください。", "金额" },
	{ "これは实际のお知らせです。", "实际" },
	{ "カードの冻结を解除してください。", "冻结" },
	{ "ご注文の货物が届きました。", "货物" },
	{ "お客様の记录を確認しました。", "记录" },
	{ "この网页からログインしてください。", "网页" },
	{ "お客様のご购入ありがとうございます。", "购入" },
	{ "あなたの钥匙が期限切れです。", "钥匙" },
	{ "ご登録の门户へアクセスしてください。", "门户" },
	{ "お届け先の东京都へ配达します。", "东京都" },
	{ "アカウントの统计を確認してください。", "统计" },
	{ "お客様のサービスが关闭されます。", "关闭" },
};
static const char *const glyph_neg[] = {
	"新しい国際規格の説明を読みました。",
	"お客様の口座を確認いたします。",
	"髙島屋のギフトカード",
	"吉野家と𠮷野家",
	"葛飾区にお住まいの方",
	"这是中文邮件，没有假名。",
	"账户验证通知",
	"请登录您的账户",
	"繁體中文的郵件內容",
	"Dear customer, 账户",
};
static const struct pcase mixed_pos[] = {
	{ "Log in to Оutlook now.", "Оutlook" },
	{ "Your dосomo bill is ready.", "dосomo" },
	{ "Sign in to your Аmazon account today.", "Аmazon" },
	{ "Sign in to your Amаzon account today.", "Amаzon" },
	{ "Sign in to your Amazоn account today.", "Amazоn" },
	{ "Sign in to your Рaypal account today.", "Рaypal" },
	{ "Sign in to your Pаypal account today.", "Pаypal" },
	{ "Sign in to your Paуpal account today.", "Paуpal" },
	{ "Sign in to your Аpple account today.", "Аpple" },
	{ "Sign in to your Aрple account today.", "Aрple" },
	{ "Sign in to your Apрle account today.", "Apрle" },
	{ "Sign in to your Мicrosoft account today.", "Мicrosoft" },
	{ "Sign in to your Mιcrosoft account today.", "Mιcrosoft" },
	{ "Sign in to your Miсrosoft account today.", "Miсrosoft" },
	{ "Sign in to your Gоogle account today.", "Gоogle" },
	{ "Sign in to your Goоgle account today.", "Goоgle" },
	{ "Sign in to your Googlе account today.", "Googlе" },
	{ "Sign in to your Νetflix account today.", "Νetflix" },
	{ "Sign in to your Nеtflix account today.", "Nеtflix" },
	{ "Sign in to your Netflιx account today.", "Netflιx" },
	{ "Sign in to your Rаkuten account today.", "Rаkuten" },
	{ "Sign in to your Rakutеn account today.", "Rakutеn" },
	{ "Sign in to your Аccount account today.", "Аccount" },
	{ "Sign in to your Aсcount account today.", "Aсcount" },
	{ "Sign in to your Acсount account today.", "Acсount" },
	{ "Sign in to your Vеrify account today.", "Vеrify" },
	{ "Sign in to your Verιfy account today.", "Verιfy" },
	{ "Sign in to your Verifу account today.", "Verifу" },
	{ "Sign in to your Sеcurity account today.", "Sеcurity" },
	{ "Sign in to your Seсurity account today.", "Seсurity" },
	{ "Sign in to your Securιty account today.", "Securιty" },
};
static const char *const mixed_neg[] = {
	"Amazonアカウントを確認",
	"Appleの新製品",
	"Москва — столица России",
	"Αθήνα είναι η πρωτεύουσα",
	"10μm thick",
	"naïve café résumé",
	"Straße und Größe",
	"ΑΒΓ test",
	"iPhoneとiPad",
	"LINE Payで支払う",
};
static const struct pcase urg_pos[] = {
	{ "24時間以内にご対応ください。", "24時間以内" },
	{ "２４時間以内にご確認ください。", "２４時間以内" },
	{ "本日中にお手続きください。", "本日中" },
	{ "お客様のアカウントが停止されました。", "アカウントが停止" },
	{ "ｱｶｳﾝﾄが停止されます。", "ｱｶｳﾝﾄが停止" },
	{ "口座が凍結されています。", "口座が凍結" },
	{ "凍結を解除するには", "凍結" },
	{ "法的措置を取らせていただきます。", "法的措置" },
	{ "48時間以内にログインしないと", "48時間以内" },
	{ "3日以内にお支払いください。", "3日以内" },
	{ "至急ご確認ください。", "至急" },
	{ "カードのご利用を一時停止しております。", "カードのご利用を一時停止" },
	{ "ご確認いただけない場合はアカウントを削除します。", "ご確認いただけない場合" },
	{ "ポイントが失効します。", "ポイントが失効" },
	{ "最終通知：お支払いのお願い", "最終通知" },
	{ "差し押さえの手続きに入ります。", "差し押さえ" },
	{ "不正アクセスを検知しました。", "不正アクセスを検知" },
	{ "今すぐログインしてください。", "今すぐ" },
	{ "取引を制限させていただきました。", "取引を制限" },
	{ "ご利用いただけなくなります。", "ご利用いただけなくなります" },
	{ "Please respond within 24 hours.", "within 24 hours" },
	{ "Your account has been suspended.", "account has been suspended" },
	{ "Your account will be locked.", "account will be locked" },
	{ "We detected unusual activity.", "unusual activity" },
	{ "Verify your account within 48 hours.", "verify your account" },
	{ "Action required: confirm now", "action required" },
	{ "FINAL NOTICE before closure", "final notice" },
	{ "We will take legal action.", "legal action" },
	{ "Your access was temporarily suspended.", "temporarily suspended" },
	{ "Please act now to avoid loss of access.", "act now" },
	{ "within 3 business days", "within 3 business days" },
	{ "Failure to verify will close it.", "failure to verify" },
};
static const char *const urg_neg[] = {
	"明日の会議は10時からです。",
	"本日は晴天なり",
	"冷凍食品のご案内",
	"停止線で止まってください",
	"The meeting is within the hour budget.",
	"the account manager will call",
	"we suspended the build",
	"the legal team reviewed it",
	"action items for next week",
	"within reach",
};
static const struct pcase inv_pos[] = {
	{ "Please check A" "\u200B" "mazon now.", "A" "\u200B" "mazon" },
	{ "Please check Am" "\u200C" "azon now.", "Am" "\u200C" "azon" },
	{ "Please check Ama" "\u2060" "zon now.", "Ama" "\u2060" "zon" },
	{ "Please check P" "\u00AD" "ayPal now.", "P" "\u00AD" "ayPal" },
	{ "Please check Pa" "\uFEFF" "yPal now.", "Pa" "\uFEFF" "yPal" },
	{ "Please check Pay" "\u200D" "Pal now.", "Pay" "\u200D" "Pal" },
	{ "Please check a" "\u2062" "ccount now.", "a" "\u2062" "ccount" },
	{ "Please check ac" "\u2063" "count now.", "ac" "\u2063" "count" },
	{ "Please check acc" "\u200B" "ount now.", "acc" "\u200B" "ount" },
	{ "Please check v" "\u200C" "erify now.", "v" "\u200C" "erify" },
	{ "Please check ve" "\u2060" "rify now.", "ve" "\u2060" "rify" },
	{ "Please check ver" "\u00AD" "ify now.", "ver" "\u00AD" "ify" },
	{ "Please check p" "\uFEFF" "assword now.", "p" "\uFEFF" "assword" },
	{ "Please check pa" "\u200D" "ssword now.", "pa" "\u200D" "ssword" },
	{ "Please check pas" "\u2062" "sword now.", "pas" "\u2062" "sword" },
	{ "Please check ロ" "\u2063" "グイン now.", "ロ" "\u2063" "グイン" },
	{ "Please check ログ" "\u200B" "イン now.", "ログ" "\u200B" "イン" },
	{ "Please check ログイ" "\u200C" "ン now.", "ログイ" "\u200C" "ン" },
	{ "Please check ア" "\u2060" "カウント now.", "ア" "\u2060" "カウント" },
	{ "Please check アカ" "\u00AD" "ウント now.", "アカ" "\u00AD" "ウント" },
	{ "Please check アカウ" "\uFEFF" "ント now.", "アカウ" "\uFEFF" "ント" },
	{ "Please check 確" "\u200D" "認 now.", "確" "\u200D" "認" },
	{ "Please check 確" "\u2062" "認 now.", "確" "\u2062" "認" },
	{ "Please check 確" "\u2063" "認 now.", "確" "\u2063" "認" },
	{ "Please check M" "\u200B" "icrosoft now.", "M" "\u200B" "icrosoft" },
	{ "Please check Mi" "\u200C" "crosoft now.", "Mi" "\u200C" "crosoft" },
	{ "Please check Mic" "\u2060" "rosoft now.", "Mic" "\u2060" "rosoft" },
	{ "Please check R" "\u00AD" "akuten now.", "R" "\u00AD" "akuten" },
	{ "Please check Ra" "\uFEFF" "kuten now.", "Ra" "\uFEFF" "kuten" },
	{ "Please check Rak" "\u200D" "uten now.", "Rak" "\u200D" "uten" },
};
/* CGJ and variation selectors are spelling elsewhere, hiding between Latin, Greek or Cyrillic letters */
static const struct pcase inv_alpha_pos[] = {
	{ "From E" "\u034F" "V" "\u034F" "R" "\u034F" "i today", "E" "\u034F" "V" "\u034F" "R" "\u034F" "i" },
	{ "Gemini Se" "\U000E0139" "r" "\U000E0139" "vice", "Se" "\U000E0139" "r" "\U000E0139" "vice" },
	{ "Your P" "\uFE0F" "ayPal account", "P" "\uFE0F" "ayPal" },
	{ "Your Pay" "\uFE00" "Pal account", "Pay" "\uFE00" "Pal" },
	{ "Dear Сбер" "\u034F" "банк client", "Сбер" "\u034F" "банк" },
	{ "Your Amazo" "\u3164" "n order", "Amazo" "\u3164" "n" },
};
static const char *const inv_neg[] = {
	"👨" "\u200D" "👩" "\u200D" "👧 family",
	"می" "\u200C" "خواهم",
	"葛󠄀城市",
	"word " "\u200B" " word",
	"" "\uFEFF" "Hello world",
	"क्" "\u200D" "ष",
	"ก" "\u200B" "ข",
	"ét́é",
	"café " "\u00AD" "",
	"❤️ love",
	"葛" "\U000E0100" "飾区",
	"A" "\uFE0F" " list",
	"ﬁ" "\u034F",
};
/* TEXT_STYLED_LETTERS: (text, span) */
static const struct pcase styled_pos[] = {
	{ "𝗪𝗲𝗹𝗰𝗼𝗺𝗲 to CarShield", "𝗪𝗲𝗹𝗰𝗼𝗺𝗲" },
	{ "#𝗪𝗲𝗹𝗰𝗼𝗺𝗲 𝘁𝗼 𝗖𝗮𝗿𝗦𝗵𝗶𝗲𝗹𝗱 𝟮𝟬𝟮𝟰", "𝗪𝗲𝗹𝗰𝗼𝗺𝗲 𝘁𝗼 𝗖𝗮𝗿𝗦𝗵𝗶𝗲𝗹𝗱 𝟮𝟬𝟮𝟰" },
	{ "𝘽𝙞𝙧𝙩𝙝 𝙨𝙪𝙧𝙜𝙚𝙧𝙞𝙚𝙨 + tests", "𝘽𝙞𝙧𝙩𝙝 𝙨𝙪𝙧𝙜𝙚𝙧𝙞𝙚𝙨" },
	{ "𝙎𝘼𝙔 𝙂𝙊𝙊𝘿𝘽𝙔𝙀 𝙏𝙊 𝙃𝘼𝙄𝙍 𝙇𝙊𝙎𝙎!", "𝙎𝘼𝙔 𝙂𝙊𝙊𝘿𝘽𝙔𝙀 𝙏𝙊 𝙃𝘼𝙄𝙍 𝙇𝙊𝙎𝙎" },
	{ "id.𝐚𝐩𝐩𝐥𝐞.com", "𝐚𝐩𝐩𝐥𝐞" },
	{ "Your 𝐀𝐦𝐚𝐳𝐨𝐧 account", "𝐀𝐦𝐚𝐳𝐨𝐧" },
	{ "Your 𝐴𝑚𝑎𝑧𝑜𝑛 account", "𝐴𝑚𝑎𝑧𝑜𝑛" },
	{ "Your 𝒜𝓂𝒶𝓏𝑜𝓃 account", "𝒜𝓂𝒶𝓏𝑜𝓃" },
	{ "Your 𝔄𝔪𝔞𝔷𝔬𝔫 account", "𝔄𝔪𝔞𝔷𝔬𝔫" },
	{ "Your 𝔸𝕞𝕒𝕫𝕠𝕟 account", "𝔸𝕞𝕒𝕫𝕠𝕟" },
	{ "Your 𝖠𝗆𝖺𝗓𝗈𝗇 account", "𝖠𝗆𝖺𝗓𝗈𝗇" },
	{ "Your 𝙰𝚖𝚊𝚣𝚘𝚗 account", "𝙰𝚖𝚊𝚣𝚘𝚗" },
	{ "Your Ⓐⓜⓐⓩⓞⓝ account", "Ⓐⓜⓐⓩⓞⓝ" },
	{ "Your 🅐🅜🅐🅩🅞🅝 account", "🅐🅜🅐🅩🅞🅝" },
	{ "Your 🄰🄼🄰🅉🄾🄽 account", "🄰🄼🄰🅉🄾🄽" },
	{ "Your 🅰🅼🅰🆉🅾🅽 account", "🅰🅼🅰🆉🅾🅽" },
	{ "Your ⒜⒨⒜⒵⒪⒩ account", "⒜⒨⒜⒵⒪⒩" },
	{ "apple.🅒🅞🅜 id", "🅒🅞🅜" },
	{ "𝐏𝐚𝐲𝐏𝐚𝐥: 𝐥𝐢𝐦𝐢𝐭𝐞𝐝", "𝐏𝐚𝐲𝐏𝐚𝐥: 𝐥𝐢𝐦𝐢𝐭𝐞𝐝" },
	{ "【𝐑𝐚𝐤𝐮𝐭𝐞𝐧】カード", "𝐑𝐚𝐤𝐮𝐭𝐞𝐧" },
	{ "claim 𝓯𝓻𝓮𝓮 spins", "𝓯𝓻𝓮𝓮" },
};
static const char *const styled_neg[] = {
	"ＡＭＡＺＯＮからのお知らせ",
	"①②③ の順にご確認ください",
	"⑴ 申込書 ⑵ 本人確認書類",
	"🇯🇵 日本 🇺🇸 USA",
	"🅿 駐車場あり",
	"血液型 🅰 🅱 🅾",
	"𝐱 = 2",
	"Let 𝑥 and 𝑦 be reals",
	"E = mc²",
	"ℝ and ℂ are fields",
	"℡ 03-1234-5678",
	"㈱ヤマト運輸",
	"Ⓡ registered",
	"Amazon ©2024",
	"№ 12345",
	"Ⅻ chapter",
	"ﬁnance oﬃce",
	"ｱﾏｿﾞﾝ",
	"🄯 copyleft",
	"price 𝟏𝟎𝟎 yen",
};
static const struct pcase bidi_pos[] = {
	{ "請求書" "\u202E" "fdp.exe", "" "\u202E" "" },
	{ "請求書" "\u202D" "xslx.scr", "" "\u202D" "" },
	{ "請求書" "\u202B" "cod.js", "" "\u202B" "" },
	{ "invoice" "\u202A" "fdp.exe", "" "\u202A" "" },
	{ "invoice" "\u2067" "xslx.scr", "" "\u2067" "" },
	{ "invoice" "\u2066" "cod.js", "" "\u2066" "" },
	{ "見積書" "\u2068" "fdp.exe", "" "\u2068" "" },
	{ "見積書" "\u202E" "xslx.scr", "" "\u202E" "" },
	{ "見積書" "\u202D" "cod.js", "" "\u202D" "" },
	{ "payment" "\u202B" "fdp.exe", "" "\u202B" "" },
	{ "payment" "\u202A" "xslx.scr", "" "\u202A" "" },
	{ "payment" "\u2067" "cod.js", "" "\u2067" "" },
	{ "receipt" "\u2066" "fdp.exe", "" "\u2066" "" },
	{ "receipt" "\u2068" "xslx.scr", "" "\u2068" "" },
	{ "receipt" "\u202E" "cod.js", "" "\u202E" "" },
	{ "注文書" "\u202D" "fdp.exe", "" "\u202D" "" },
	{ "注文書" "\u202B" "xslx.scr", "" "\u202B" "" },
	{ "注文書" "\u202A" "cod.js", "" "\u202A" "" },
	{ "statement" "\u2067" "fdp.exe", "" "\u2067" "" },
	{ "statement" "\u2066" "xslx.scr", "" "\u2066" "" },
	{ "statement" "\u2068" "cod.js", "" "\u2068" "" },
	{ "契約書" "\u202E" "fdp.exe", "" "\u202E" "" },
	{ "契約書" "\u202D" "xslx.scr", "" "\u202D" "" },
	{ "契約書" "\u202B" "cod.js", "" "\u202B" "" },
	{ "scan" "\u202A" "fdp.exe", "" "\u202A" "" },
	{ "scan" "\u2067" "xslx.scr", "" "\u2067" "" },
	{ "scan" "\u2066" "cod.js", "" "\u2066" "" },
	{ "document" "\u2068" "fdp.exe", "" "\u2068" "" },
	{ "document" "\u202E" "xslx.scr", "" "\u202E" "" },
	{ "document" "\u202D" "cod.js", "" "\u202D" "" },
};
static const char *const bidi_neg[] = {
	"請求書.pdf",
	"invoice_2024.xlsx",
	"שלום world",
	"مرحبا بالعالم",
	"" "\u200F" "RLM only",
};

/* Everyday Japanese business wording (written for these tests): correct variants of the listed phrases. */
static const char *const business_neg[] = {
	"いつも楽天市場をご利用いただき、誠にありがとうございます。",
	"ご注文いただいた商品を本日発送いたしましたので、お知らせいたします。",
	"お届け予定日は3月5日（水）です。配送状況は下記のURLからご確認いただけます。",
	"お問い合わせの際は、ご注文番号をお知らせください。",
	"本メールは送信専用のため、ご返信いただいてもお答えできませんのでご了承ください。",
	"平素より格別のご高配を賜り、厚く御礼申し上げます。",
	"さて、このたび弊社では下記のとおり事務所を移転することとなりましたので、ご案内申し上げます。",
	"つきましては、お手数ですが登録情報の変更をお願いできますでしょうか。",
	"先日はお忙しいところお時間をいただき、ありがとうございました。",
	"打ち合わせの議事録を添付いたしますので、ご査収のほどよろしくお願いいたします。",
	"ご不明点がございましたら、お気軽にお問い合わせください。",
	"今後ともどうぞよろしくお願い申し上げます。",
	"来週の会議の件ですが、日程を調整させていただけますでしょうか。",
	"資料の件、承知いたしました。確認して明日中にご連絡します。",
	"請求書を送付いたしますので、月末までにお振込みをお願いいたします。",
	"ご入金を確認いたしました。ありがとうございました。",
	"カードのご利用代金のお支払い日は毎月27日です。",
	"ポイントの有効期限が近づいています。お早めにご利用ください。",
	"会員情報の変更は、マイページからお手続きいただけます。",
	"パスワードを変更しました。心当たりがない場合はサポートまでご連絡ください。",
	"新しい端末からのログインがありました。",
	"ご登録のメールアドレス宛に確認コードを送信しました。",
	"お客様各位　年末年始の営業についてのお知らせ",
	"誠に勝手ながら、12月29日から1月3日まで休業とさせていただきます。",
	"ご迷惑をおかけしますが、何卒ご理解のほどよろしくお願いいたします。",
	"お世話になっております。株式会社サンプルの山田です。",
	"ご提案いただいた内容で進めさせていただきたく存じます。",
	"見積書を再送いたします。ご確認ください。",
	"お手数をおかけしますが、ご対応のほどよろしくお願いいたします。",
	"以上、取り急ぎご連絡まで。",
	"ご案内メールをお送りしましたが、届いていないようでしたらお知らせください。",
	"お荷物をお届けにあがりましたが、ご不在でしたので持ち帰りました。",
	"再配達をご希望の場合は、下記までご連絡ください。",
	"この度はご迷惑をおかけし、大変申し訳ございませんでした。",
	"サーバのメンテナンスのため、一時的にサービスを停止いたします。",
	"ユーザ登録が完了しました。",
	"コンピュータの設定を変更してください。",
	"ご確認のうえ、ご署名いただけますと幸いです。",
	"よろしくお願いします。",
	"宜しくお願い致します。",
	"お疲れ様です。明日の件、了解しました。",
	"ありがとうございます。助かりました。",
	"申込書に必要事項をご記入の上、ご返送ください。",
	"ご利用明細は会員サイトでご確認いただけます。",
	"口座振替のお手続きが完了いたしました。",
	"ご契約内容の確認をお願いいたします。",
	"キャンペーンにご応募いただき、ありがとうございました。",
	"抽選の結果、当選されたお客様にはメールでご連絡いたします。",
	"パソコンやスマートフォンからご利用いただけます。",
	"ログインIDとパスワードを入力してください。",
	"お申込みありがとうございました。",
	"お申し込みの受付が完了しました。",
	"手続きが完了いたしましたので、ご報告申し上げます。",
	"お手続きの際にご不明な点があれば、担当者までお問い合わせください。",
	"ご確認ありがとうございます。",
	"ご確認いただきましてありがとうございます。",
	"ご連絡いただきまして、ありがとうございます。",
	"ご返信が遅くなり、申し訳ありません。",
	"お待たせいたしました。",
	"お待たせして申し訳ございません。",
	"よろしければご検討ください。",
	"ご検討いただきありがとうございます。",
	"カードをご利用いただき、ありがとうございます。",
	"カードご利用のお知らせ（速報）",
	"パスワードの再設定を受け付けました。",
	"ワンタイムパスワードは10分間有効です。",
	"アカウントにログインできない場合は、こちらをご覧ください。",
	"セキュリティのため、定期的にパスワードを変更することをおすすめします。",
	"メールアドレスの変更手続きが完了しました。",
	"サーバーのメンテナンスを実施します。",
	"ユーザーの皆さまへ",
	"プリンタの設定方法について",
	"コンピューターウイルスにご注意ください。",
	"クーポンの有効期限は今月末までです。",
	"ポイントが付与されました。",
	"マイルが加算されました。",
	"ご予約ありがとうございます。",
	"ご予約の確認をお願いします。",
	"ご来店をお待ちしております。",
	"またのご来店を心よりお待ちしております。",
	"この度はお買い上げいただき、誠にありがとうございました。",
	"ご購入商品の発送準備が整いました。",
	"配送業者：ヤマト運輸",
	"お問い合わせ番号：1234-5678-9012",
	"宅配ボックスにお届けしました。",
	"ご不在連絡票を投函しました。",
	"保管期限を過ぎますと、差出人に返送されます。",
	"お振込先：みずほ銀行　渋谷支店　普通　1234567",
	"お支払期限：2024年3月31日",
	"ご請求金額：12,000円（税込）",
	"引落日は毎月10日です。",
	"お客様番号をお手元にご用意ください。",
	"受付時間：平日9時〜18時",
	"年中無休で受け付けております。",
	"お電話でのお問い合わせも承っております。",
	"ご意見・ご要望をお聞かせください。",
	"アンケートへのご協力をお願いいたします。",
	"ご協力ありがとうございました。",
	"今後のサービス改善に役立ててまいります。",
	"引き続きよろしくお願いします。",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
load_lists(void)
{
	char *cause = NULL;

	text_unload();
	ck_assert_msg(text_load(&cause) == 0, "text_load: %s", cause != NULL ? cause : "");
}

/* Scan text as one body field with every check on. */
static void
scan(const char *text, struct findings *fs)
{
	memset(fs, 0, sizeof *fs);
	text_scan(text, strlen(text), "body", 0, TEXT_ALL_CHECKS | TEXT_JAPANESE, fs);
}

static const struct finding *
first_of(const struct findings *fs, enum finding_id id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].id == id)
			return &fs->v[i];
	return NULL;
}

static size_t
count_of(const struct findings *fs, enum finding_id id)
{
	size_t n = 0;

	for (size_t i = 0; i < fs->n; i++)
		n += fs->v[i].id == id;
	return n;
}

static char *
ids_of(const struct findings *fs)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < fs->n; i++)
		buf_addf(&b, "%s[%ld,%ld] %s; ", finding_name(fs->v[i].id), fs->v[i].span_start,
		    fs->v[i].span_end, fs->v[i].evidence != NULL ? fs->v[i].evidence : "");
	return buf_take(&b);
}

/* The text raises id with a span on exactly want (searched in text). */
static void
expect_at(const char *text, enum finding_id id, const char *want, unsigned flags)
{
	struct findings fs;
	const struct finding *f;
	const char *at = strstr(text, want);
	char *all;

	memset(&fs, 0, sizeof fs);
	text_scan(text, strlen(text), "body", 0, flags, &fs);
	all = ids_of(&fs);
	f = first_of(&fs, id);
	ck_assert_msg(f != NULL, "%s: no %s (got %s)", text, finding_name(id), all);
	ck_assert_ptr_nonnull(at);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].id == id && fs.v[i].span_start == at - text)
			f = &fs.v[i];
	ck_assert_msg(f->span_start == at - text && f->span_end == at - text + (long)strlen(want),
	    "%s: %s span [%ld,%ld], want [%ld,%ld] \"%s\" (%s)", text, finding_name(id), f->span_start,
	    f->span_end, (long)(at - text), (long)(at - text + strlen(want)), want, all);
	ck_assert_str_eq(f->where, "body");
	ck_assert_ptr_nonnull(f->evidence);
	free(all);
	findings_free(&fs);
}

static void
expect_none(const char *text, enum finding_id id)
{
	struct findings fs;
	char *all;

	scan(text, &fs);
	all = ids_of(&fs);
	ck_assert_msg(first_of(&fs, id) == NULL, "%s: unexpected %s (%s)", text, finding_name(id), all);
	free(all);
	findings_free(&fs);
}

/* ---- the lines of legitimate mail (tests/corpus/ham/ *.tsv) */

static char **ham_lines;
static size_t nham_lines;

static void
read_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *tab;
	size_t cap = 0;
	ssize_t n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while ((n = getline(&line, &cap, f)) != -1) {
		if (line[0] == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		ham_lines = xreallocarray(ham_lines, nham_lines + 1, sizeof *ham_lines);
		ham_lines[nham_lines++] = xstrdup(tab + 1);
	}
	free(line);
	fclose(f);
}

static void
ham_setup(void)
{
	load_lists();
	if (ham_lines == NULL) {
		read_lines(HAM "/ja-lines.tsv");
		read_lines(HAM "/en-lines.tsv");
	}
}

#define HAM_LINES 145  /* 31 + 56 (kensa-written casual mail) Japanese + 46 English + slack; the loop tests stop at nham_lines */

static void
ham_line_none(int i, enum finding_id id)
{
	if ((size_t)i >= nham_lines)
		return;
	expect_none(ham_lines[i], id);
}

/*
 * The loop tests of one finding family: the positives found at their spans
 * (NAME_positive), the hand-written negatives and the lines of legitimate
 * mail never raising it (NAME_negative_hand, NAME_negative_ham).
 */
#define NEGATIVE_TESTS(name, id, neg) \
	START_TEST(name##_negative_hand) { expect_none(neg[_i], id); } END_TEST \
	START_TEST(name##_negative_ham) { ham_line_none(_i, id); } END_TEST
#define FAMILY_TESTS(name, id, pos, neg, flags) \
	START_TEST(name##_positive) { expect_at(pos[_i].text, id, pos[_i].span, flags); } END_TEST \
	NEGATIVE_TESTS(name, id, neg)

/* None of the text findings on everyday business wording. */
START_TEST(business_clean)
{
	static const enum finding_id ids[] = {
		F_TEXT_TYPO, F_TEXT_FOREIGN_GLYPH, F_TEXT_MIXED_SCRIPT, F_TEXT_URGENCY, F_INVISIBLE_CHARS, F_BIDI_CONTROL,
	};

	for (size_t k = 0; k < N(ids); k++)
		expect_none(business_neg[_i], ids[k]);
}
END_TEST

START_TEST(ham_lines_present)
{
	ck_assert_uint_ge(nham_lines, 60);
	ck_assert_uint_le(nham_lines, HAM_LINES);
}
END_TEST

/* ---- TEXT_TYPO */

FAMILY_TESTS(typo, F_TEXT_TYPO, typo_pos, typo_neg, TEXT_TYPO_CHECK)

START_TEST(typo_names_the_phrase)
{
	struct findings fs;
	const struct finding *f;

	scan("ご登録情報の確認をよるくお願い申し上げます。", &fs);
	f = first_of(&fs, F_TEXT_TYPO);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(strstr(f->evidence, "よろしくお願い申し上げます") != NULL, "%s", f->evidence);
	ck_assert_msg(strstr(f->evidence, "ろ→る") != NULL && strstr(f->evidence, "し") != NULL, "%s", f->evidence);
	findings_free(&fs);
	scan("Your Amazom order", &fs);
	f = first_of(&fs, F_TEXT_TYPO);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(strstr(f->evidence, "\"Amazon\"") != NULL, "%s", f->evidence);
	findings_free(&fs);
	scan("Pocketcard Co,Ltd.td.", &fs);
	f = first_of(&fs, F_TEXT_TYPO);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(strstr(f->evidence, "\"td.\"") != NULL, "%s", f->evidence);
	findings_free(&fs);
}
END_TEST

/* Exact phrases are never typos, even when a longer phrase is one edit away. */
START_TEST(typo_exact_never)
{
	for (size_t i = 0; i < N(typo_neg); i++)
		expect_none(typo_neg[i], F_TEXT_TYPO);
	expect_none("よろしくお願いします", F_TEXT_TYPO);
	expect_none("ご確認", F_TEXT_TYPO);
}
END_TEST

/* Full-width, half-width and NFKC forms map back to the original bytes. */
START_TEST(typo_span_after_normalisation)
{
	expect_at("ｱｶｳｿﾄをご確認ください", F_TEXT_TYPO, "ｱｶｳｿﾄを", TEXT_TYPO_CHECK);
	expect_at("Ｐａｙｐａｌｌ account", F_TEXT_TYPO, "Ｐａｙｐａｌｌ", TEXT_TYPO_CHECK);
	expect_at("よるくお願\nい申し上げます", F_TEXT_TYPO, "よるくお願\nい申し上げます", TEXT_TYPO_CHECK);
}
END_TEST

/* A long body: the typo at its very end is found, and the ordinary lines raise nothing (speed: bench/text.sh). */
START_TEST(typo_on_long_text)
{
	struct buf b;
	struct findings fs;
	size_t ntypo = 0;

	buf_init(&b);
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "平素は格別のご高配を賜り、誠にありがとうございます。ご登録情報の確認をお願いいたします。\n");
	buf_adds(&b, "よるくお願い申し上げます。");
	memset(&fs, 0, sizeof fs);
	text_scan(b.s, b.len, "body", 0, TEXT_ALL_CHECKS, &fs);
	ck_assert_ptr_nonnull(first_of(&fs, F_TEXT_TYPO));
	for (size_t i = 0; i < fs.n; i++)
		ntypo += fs.v[i].id == F_TEXT_TYPO;
	ck_assert_uint_eq(ntypo, 1);
	ck_assert_int_ge(first_of(&fs, F_TEXT_TYPO)->span_start, (long)(b.len - strlen("よるくお願い申し上げます。")));
	findings_free(&fs);
	buf_free(&b);
}
END_TEST

/* ---- TEXT_FOREIGN_GLYPH */

START_TEST(glyph_positive)
{
	expect_at(glyph_pos[_i].text, F_TEXT_FOREIGN_GLYPH, glyph_pos[_i].span, TEXT_GLYPH_CHECK);
}
END_TEST

START_TEST(glyph_negative_hand)
{
	struct findings fs;

	/* as the message would: Japanese only if the text (here the whole message) is */
	memset(&fs, 0, sizeof fs);
	text_scan(glyph_neg[_i], strlen(glyph_neg[_i]), "body", 0, TEXT_ALL_CHECKS, &fs);
	ck_assert_msg(first_of(&fs, F_TEXT_FOREIGN_GLYPH) == NULL, "%s", glyph_neg[_i]);
	findings_free(&fs);
}
END_TEST

START_TEST(glyph_negative_ham)
{
	ham_line_none(_i, F_TEXT_FOREIGN_GLYPH);
}
END_TEST

/* Chinese text (no kana) is not "mostly Japanese": no finding unless the message is. */
START_TEST(glyph_needs_japanese)
{
	struct findings fs;

	memset(&fs, 0, sizeof fs);
	text_scan("账户验证通知", strlen("账户验证通知"), "header:Subject", 0, TEXT_GLYPH_CHECK, &fs);
	ck_assert_uint_eq(fs.n, 0);
	text_scan("账户验证通知", strlen("账户验证通知"), "header:Subject", 0, TEXT_GLYPH_CHECK | TEXT_JAPANESE, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_msg(strstr(fs.v[0].evidence, "U+8D26") != NULL, "%s", fs.v[0].evidence);
	ck_assert_msg(strstr(fs.v[0].evidence, "U+901A") == NULL, "通 is Japanese: %s", fs.v[0].evidence);
	findings_free(&fs);
}
END_TEST

/* ---- TEXT_MIXED_SCRIPT */

FAMILY_TESTS(mixed, F_TEXT_MIXED_SCRIPT, mixed_pos, mixed_neg, TEXT_SCRIPT_CHECK)

/* A mixed word that reads as a brand's name is an imitation: high, with the reading; another mixed word is medium. */
/* The first TEXT_MIXED_SCRIPT on text: at severity sev, its evidence holding want (or, want NULL, no reading). */
static void
expect_mixed(const char *text, enum severity sev, const char *want)
{
	struct findings fs;
	const struct finding *f;

	scan(text, &fs);
	f = first_of(&fs, F_TEXT_MIXED_SCRIPT);
	ck_assert_msg(f != NULL, "%s: no TEXT_MIXED_SCRIPT", text);
	ck_assert_int_eq(f->severity, sev);
	if (want != NULL)
		ck_assert_msg(strstr(f->evidence, want) != NULL, "%s", f->evidence);
	else
		ck_assert_msg(strstr(f->evidence, "reads") == NULL, "%s", f->evidence);
	findings_free(&fs);
}

START_TEST(mixed_brand_reading)
{
	expect_mixed("Your Am\xd0\xb0zon account", SEV_HIGH, "reads \"Amazon\", the name of Amazon");
	expect_mixed("\xd0\xa0" "ayPal: verify", SEV_HIGH, "reads \"PayPal\"");   /* Cyrillic capital Er */
	expect_mixed("your acc\xd0\xbeunt is on h\xd0\xbeld", SEV_MEDIUM, NULL);
}
END_TEST

START_TEST(mixed_names_the_letter)
{
	struct findings fs;

	scan("\xd0\x90mazon", &fs);
	ck_assert_uint_ge(fs.n, 1);
	ck_assert_msg(strstr(fs.v[0].evidence, "U+0410 CYRILLIC CAPITAL LETTER A") != NULL, "%s", fs.v[0].evidence);
	findings_free(&fs);
}
END_TEST

/* ---- TEXT_STYLED_LETTERS */

FAMILY_TESTS(styled, F_TEXT_STYLED_LETTERS, styled_pos, styled_neg, TEXT_SCRIPT_CHECK)

START_TEST(styled_reads_plain)
{
	struct findings fs;
	const struct finding *f;

	scan("Your 𝐀𝐦𝐚𝐳𝐨𝐧 account is 🅛🅞🅒🅚🅔🅓", &fs);
	f = first_of(&fs, F_TEXT_STYLED_LETTERS);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(strstr(f->evidence, "reads \"Amazon\"") != NULL, "%s", f->evidence);
	ck_assert_msg(strstr(f->evidence, "MATHEMATICAL BOLD CAPITAL A") != NULL, "%s", f->evidence);
	ck_assert_uint_eq(count_of(&fs, F_TEXT_STYLED_LETTERS), 2);
	findings_free(&fs);
}
END_TEST

START_TEST(invisible_alphabet_positive)
{
	expect_at(inv_alpha_pos[_i].text, F_INVISIBLE_CHARS, inv_alpha_pos[_i].span, TEXT_HIDDEN_CHECK);
}
END_TEST

/* ---- TEXT_URGENCY */

START_TEST(urgency_positive)
{
	struct findings fs;
	const struct finding *f;
	const char *text = urg_pos[_i].text, *at = strstr(text, urg_pos[_i].span);
	char *all;

	memset(&fs, 0, sizeof fs);
	text_scan(text, strlen(text), "body", 0, TEXT_URGENCY_CHECK, &fs);
	all = ids_of(&fs);
	f = first_of(&fs, F_TEXT_URGENCY);
	if (at == NULL) {   /* matched case-insensitively: find it so */
		for (const char *p = text; *p != '\0' && at == NULL; p++)
			if (ascii_strncasecmp(p, urg_pos[_i].span, strlen(urg_pos[_i].span)) == 0)
				at = p;
	}
	ck_assert_ptr_nonnull(at);
	ck_assert_msg(f != NULL, "%s: no TEXT_URGENCY", text);
	/* the span covers the phrase (a longer pattern may extend it by a particle) */
	ck_assert_msg(f->span_start == at - text && f->span_end >= at - text + (long)strlen(urg_pos[_i].span) &&
	    f->span_end <= at - text + (long)strlen(urg_pos[_i].span) + 3,
	    "%s: span [%ld,%ld] (%s)", text, f->span_start, f->span_end, all);
	free(all);
	findings_free(&fs);
}
END_TEST

NEGATIVE_TESTS(urgency, F_TEXT_URGENCY, urg_neg)

/* The severity says whether the wording presses: a deadline alone is info, with a threat or a call to act it is medium. */
static enum severity
urgency_sev(const char *text)
{
	struct findings fs;
	const struct finding *f;
	enum severity sev = SEV_INFO;

	memset(&fs, 0, sizeof fs);
	text_scan(text, strlen(text), "body", 0, TEXT_URGENCY_CHECK, &fs);
	f = first_of(&fs, F_TEXT_URGENCY);
	ck_assert_msg(f != NULL, "%s: no TEXT_URGENCY", text);
	for (size_t i = 0; i < fs.n; i++)
		if (fs.v[i].id == F_TEXT_URGENCY && fs.v[i].severity > sev)
			sev = fs.v[i].severity;
	findings_free(&fs);
	return sev;
}

START_TEST(urgency_context)
{
	ck_assert_int_eq(urgency_sev("Thanks Bob. Could you send me the figures as soon as possible?"), SEV_INFO);
	ck_assert_int_eq(urgency_sev("お手すきの際に、至急ご確認いただけると助かります。"), SEV_INFO);
	ck_assert_int_eq(urgency_sev("Your account will be suspended within 24 hours. Click here to verify your details."), SEV_MEDIUM);
	ck_assert_int_eq(urgency_sev("24時間以内に下記のリンクからログインしてください。"), SEV_MEDIUM);
	ck_assert_int_eq(urgency_sev("Please respond within 24 hours: https://example.com/form"), SEV_LOW);
	ck_assert_int_eq(urgency_sev("お客様のアカウントが停止されました。"), SEV_LOW);
	/* the lifetime of the mail's own link: a password reset the user asked for */
	ck_assert_int_eq(urgency_sev("Follow the link below to reset your password. This link will expire in 6 hours."), SEV_INFO);
	/* quoted from another mail */
	ck_assert_int_eq(urgency_sev("> Your account has been suspended.\n> Click here to log in within 24 hours."), SEV_INFO);
}
END_TEST

/* A bounce quoting the returned mail's wording: nothing presses. */
START_TEST(urgency_bounce_info)
{
	const char *msg =
	    "From: MAILER-DAEMON@mx.example.jp\r\nTo: b@example.jp\r\nSubject: Undelivered Mail\r\n\r\n"
	    "Sorry, your message to c@example.com cannot be delivered.\r\n"
	    "This account has been disabled. Please log in within 24 hours.\r\n";
	struct message *m;
	struct addresses a;
	struct findings fs = { NULL, 0, 0 };
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(msg, strlen(msg), "t", &m, &cause), 0);
	addresses_collect(m, &a);
	text_check(m, &a, &fs, &cause);
	ck_assert_ptr_nonnull(first_of(&fs, F_TEXT_URGENCY));
	for (size_t i = 0; i < fs.n; i++)
		ck_assert_msg(fs.v[i].id != F_TEXT_URGENCY || fs.v[i].severity == SEV_INFO, "%s", fs.v[i].evidence);
	findings_free(&fs);
	addresses_free(&a);
	message_free(m);
}
END_TEST

/* ---- INVISIBLE_CHARS */

START_TEST(invisible_positive)
{
	struct findings fs;
	const struct finding *f;

	expect_at(inv_pos[_i].text, F_INVISIBLE_CHARS, inv_pos[_i].span, TEXT_HIDDEN_CHECK);
	scan(inv_pos[_i].text, &fs);
	f = first_of(&fs, F_INVISIBLE_CHARS);
	ck_assert_msg(strstr(f->evidence, "<U+") != NULL, "%s", f->evidence);
	findings_free(&fs);
}
END_TEST

NEGATIVE_TESTS(invisible, F_INVISIBLE_CHARS, inv_neg)

START_TEST(invisible_evidence)
{
	struct findings fs;

	scan("Ama\xe2\x80\x8bzon", &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_str_eq(fs.v[0].evidence, "looks like \"Amazon\", really \"Ama<U+200B>zon\"");
	findings_free(&fs);
}
END_TEST

/* The evidence escapes every character of the unichar table, the line separator too (it used to pass raw). */
START_TEST(evidence_escapes_unichar_table)
{
	struct findings fs;
	const char *s = "x\xe2\x80\xae" "abc\xe2\x80\xa8" "def";

	memset(&fs, 0, sizeof fs);
	text_scan(s, strlen(s), "header:Subject", 0, TEXT_BIDI_CHECK, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_msg(strstr(fs.v[0].evidence, "really \"x<U+202E>abc<U+2028>def\"") != NULL, "%s", fs.v[0].evidence);
	findings_free(&fs);
}
END_TEST

/* ---- BIDI_CONTROL */

START_TEST(bidi_positive)
{
	struct findings fs;
	const char *text = bidi_pos[_i].text, *at = strstr(text, bidi_pos[_i].span);

	memset(&fs, 0, sizeof fs);
	text_scan(text, strlen(text), "attachment[1]", 0, TEXT_BIDI_CHECK, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_int_eq(fs.v[0].id, F_BIDI_CONTROL);
	ck_assert_int_eq(fs.v[0].span_start, at - text);
	ck_assert_int_eq(fs.v[0].span_end, (long)strlen(text));
	ck_assert_msg(strstr(fs.v[0].evidence, "really \"") != NULL && strstr(fs.v[0].evidence, "<U+20") != NULL,
	    "%s", fs.v[0].evidence);
	findings_free(&fs);
}
END_TEST

START_TEST(bidi_negative_hand)
{
	struct findings fs;

	memset(&fs, 0, sizeof fs);
	text_scan(bidi_neg[_i], strlen(bidi_neg[_i]), "header:Subject", 0, TEXT_ALL_CHECKS, &fs);
	ck_assert_ptr_null(first_of(&fs, F_BIDI_CONTROL));
	findings_free(&fs);
}
END_TEST

START_TEST(bidi_negative_ham)
{
	ham_line_none(_i, F_BIDI_CONTROL);
}
END_TEST

START_TEST(bidi_shows_the_disguise)
{
	struct findings fs;
	const char *fn = "請求書\xe2\x80\xae" "fdp.exe";

	memset(&fs, 0, sizeof fs);
	text_scan(fn, strlen(fn), "attachment[1]", 0, TEXT_BIDI_CHECK, &fs);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_str_eq(fs.v[0].evidence, "looks like \"請求書exe.pdf\", really \"請求書<U+202E>fdp.exe\"");
	ck_assert_str_eq(fs.v[0].where, "attachment[1]");
	findings_free(&fs);
	/* in body text only overrides count: RTL scripts embed legitimately */
	text_scan("\xe2\x80\xab" "abc" "\xe2\x80\xac", 9, "body", 0, TEXT_BIDI_OVERRIDE, &fs);
	ck_assert_uint_eq(fs.n, 0);
}
END_TEST

/* ---- messages */

static struct report *
analyze(const char *path)
{
	struct report *r = NULL;
	char *cause = NULL;

	ck_assert_msg(analyze_file(path, NULL, &r, &cause) == 0, "%s: %s", path, cause);
	return r;
}

static int
body_span_is(const struct report *r, const struct finding *f, const char *want)
{
	size_t n = strlen(want);

	return strcmp(f->where, "body") == 0 && f->span_end - f->span_start == (long)n &&
	    (size_t)f->span_end <= r->msg->body_len && memcmp(r->msg->body + f->span_start, want, n) == 0;
}

/* The analysts' three typos in the ポケットカード message, with their spans. */
START_TEST(pocketcard_typos)
{
	struct report *r = analyze(SEEDS "/1770309790.M101P4242.mx.example.com,S=4096:2,");
	const char *want[] = { "よるくお願い申し上げます", "こ確認", "Co,Ltd.td." };
	bool seen[3] = { false, false, false };

	for (size_t i = 0; i < r->findings.n; i++) {
		const struct finding *f = &r->findings.v[i];

		if (f->id != F_TEXT_TYPO)
			continue;
		for (int k = 0; k < 3; k++)
			seen[k] |= body_span_is(r, f, want[k]);
	}
	for (int k = 0; k < 3; k++)
		ck_assert_msg(seen[k], "no TEXT_TYPO on %s", want[k]);
	ck_assert(findings_has(&r->findings, F_TEXT_URGENCY));
	report_free(r);
}
END_TEST

/* The genuine SMARTalk notice: formal Japanese, nothing to report. */
START_TEST(smartalk_clean)
{
	struct report *r = analyze(SEEDS "/1639558840.M404P7171.mx.example.com,S=3072:2,S");

	ck_assert(!findings_has(&r->findings, F_TEXT_TYPO));
	ck_assert(!findings_has(&r->findings, F_TEXT_FOREIGN_GLYPH));
	ck_assert(!findings_has(&r->findings, F_TEXT_MIXED_SCRIPT));
	report_free(r);
}
END_TEST

static const char *const ham_messages[] = {
	"lhost-domino-02.eml", "lhost-exchange2003-03.eml", "lhost-exchange2007-04.eml", "lhost-fml-03.eml",
	"lhost-messagingserver-06.eml", "lhost-messagingserver-08.eml", "lhost-mfilter-01.eml",
	"lhost-notes-02.eml", "lhost-office365-04.eml", "lhost-office365-12.eml", "lhost-postfix-29.eml",
	"lhost-postfix-49.eml", "lhost-sendmail-01.eml", "lhost-zoho-01.eml",
	"0002.b3120c4bcbf3101e661161ee7efcb8bf.eml", "0003.acfc5ad94bbd27118a0d8685d18c89dd.eml",
	"0004.e8d5727378ddde5c3be181df593f1712.eml", "0006.ee8b0dba12856155222be180ba122058.eml",
	"0008.20bc0b4ba2d99aae1c7098069f611a9b.eml", "0010.4996141de3f21e858c22f88231a9f463.eml",
	"0017.d81093a2182fc9135df6d9158a8ebfd6.eml", "0020.ef397cef16f8041242e3b6560e168053.eml",
	"0024.771af861a302951df7630ec4ff1965a2.eml", "0035.50b257408356cfcfce8cf2afe9fd7959.eml",
	"0045.910fa2e79f96c646f1b6c987c65cbe3f.eml", "0054.a6fa82d1b26c7772829e54ec41a1fbd3.eml",
	"0068.f1c604a78739e4f966253d762c972dde.eml", "0073.cd29b8202a4b05db3c6f0d71b72a3260.eml",
	"0074.78000652dcb19856e85ff9637f0e52dd.eml", "0080.7c3a836baaa732cd915546442c0fef1a.eml",
	"0081.9d26c2d149545a1c5d23e2cd4dca1b5f.eml", "0090.314ec4268af7a3a1974d5eab84ea65af.eml",
	"0098.5053f669dda8f920e5300ed327cdd986.eml", "001", "mailman_message.txt",
};

/* Every bundled ham message: none of the text findings that would call it machine-made or disguised. */
START_TEST(ham_message_clean)
{
	char *path = xasprintf("%s/%s", HAM, ham_messages[_i]);
	struct report *r = analyze(path);
	static const enum finding_id ids[] = {
		F_TEXT_TYPO, F_TEXT_FOREIGN_GLYPH, F_TEXT_MIXED_SCRIPT, F_INVISIBLE_CHARS, F_BIDI_CONTROL,
	};

	for (size_t k = 0; k < N(ids); k++)
		for (size_t i = 0; i < r->findings.n; i++)
			ck_assert_msg(r->findings.v[i].id != ids[k], "%s: %s %s", ham_messages[_i],
			    finding_name(ids[k]), r->findings.v[i].evidence);
	report_free(r);
	free(path);
}
END_TEST

/* A display name and a subject: where and span point into the decoded header value. */
START_TEST(headers_spans)
{
	const char *msg =
	    "From: =?UTF-8?B?QW1h0LB6b24gU3VwcG9ydA==?= <a@example.cn>\r\n"   /* "Amaаzon Support" */
	    "Subject: =?UTF-8?B?44CQ6YeN6KaB44CRMjTmmYLplpPku6XlhoXjgavjgZTnorroqo3jgY/jgaDjgZXjgYQ=?=\r\n"
	    "To: b@example.jp\r\n\r\nbody\r\n";
	struct message *m;
	struct addresses a;
	struct findings fs = { NULL, 0, 0 };
	char *cause = NULL;
	const struct finding *f;
	const char *subj, *from;

	ck_assert_int_eq(message_load_mem(msg, strlen(msg), "t", &m, &cause), 0);
	addresses_collect(m, &a);
	ck_assert_int_eq(text_check(m, &a, &fs, &cause), 0);
	subj = message_hvalue(m, "Subject");
	from = message_hvalue(m, "From");
	f = first_of(&fs, F_TEXT_URGENCY);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->where, "header:Subject");
	ck_assert(strncmp(subj + f->span_start, "24時間以内", strlen("24時間以内")) == 0);
	f = first_of(&fs, F_TEXT_MIXED_SCRIPT);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->where, "header:From");
	ck_assert(strncmp(from + f->span_start, "Ama\xd0\xb0zon", f->span_end - f->span_start) == 0);
	findings_free(&fs);
	addresses_free(&a);
	message_free(m);
}
END_TEST

/* An attachment named with an override: attachment[N], span into the file name. */
START_TEST(attachment_bidi)
{
	const char *msg =
	    "From: a@example.cn\r\nTo: b@example.jp\r\nSubject: invoice\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
	    "--XX\r\nContent-Type: application/octet-stream\r\n"
	    "Content-Disposition: attachment; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8%E2%80%AEfdp.exe\r\n\r\nAAAA\r\n--XX--\r\n";
	struct message *m;
	struct addresses a;
	struct findings fs = { NULL, 0, 0 };
	char *cause = NULL;
	const struct finding *f;

	ck_assert_int_eq(message_load_mem(msg, strlen(msg), "t", &m, &cause), 0);
	addresses_collect(m, &a);
	text_check(m, &a, &fs, &cause);
	f = first_of(&fs, F_BIDI_CONTROL);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->where, "attachment[1]");
	ck_assert_int_eq(f->span_start, 9);
	ck_assert_msg(strstr(f->evidence, "請求書exe.pdf") != NULL, "%s", f->evidence);
	findings_free(&fs);
	addresses_free(&a);
	message_free(m);
}
END_TEST

/* ---- lists */

START_TEST(lists_loaded)
{
	ck_assert_uint_ge(text_phrase_count(), 500 + 200);
	ck_assert_uint_ge(text_urgency_count(), 150);
}
END_TEST

static void
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(s, f);
	fclose(f);
}

/* ~/.config/kensa/<list> extends the shipped list. */
START_TEST(user_lists_extend)
{
	char dir[] = "/tmp/kensa-text-XXXXXX", *kd, *p;
	const char *old = getenv("XDG_CONFIG_HOME");
	char *saved = old != NULL ? xstrdup(old) : NULL;
	size_t before;
	struct findings fs;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	kd = xasprintf("%s/kensa", dir);
	ck_assert_int_eq(mkdir(kd, 0700), 0);
	p = xasprintf("%s/phrases.ja", kd);
	write_file(p, "# mine\nぴよぴよ通信のご案内\n");
	free(p);
	p = xasprintf("%s/urgency.en", kd);
	write_file(p, "before midnight\tdeadline\n");
	free(p);
	load_lists();
	before = text_phrase_count();
	setenv("XDG_CONFIG_HOME", dir, 1);
	load_lists();
	ck_assert_uint_eq(text_phrase_count(), before + 1);
	expect_at("本日、ひよぴよ通信のご案内です", F_TEXT_TYPO, "ひよぴよ通信のご案内", TEXT_TYPO_CHECK);
	scan("Pay before midnight please", &fs);
	ck_assert_ptr_nonnull(first_of(&fs, F_TEXT_URGENCY));
	findings_free(&fs);
	if (saved != NULL)
		setenv("XDG_CONFIG_HOME", saved, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(saved);
	p = xasprintf("%s/phrases.ja", kd); unlink(p); free(p);
	p = xasprintf("%s/urgency.en", kd); unlink(p); free(p);
	rmdir(kd);
	rmdir(dir);
	free(kd);
	load_lists();
}
END_TEST

START_TEST(data_path_override)
{
	const char *old = getenv("KENSA_DATADIR");
	char *saved = old != NULL ? xstrdup(old) : NULL, *p, *cause = NULL;

	setenv("KENSA_DATADIR", "/nonexistent-kensa", 1);
	p = util_data_path("phrases.ja");
	ck_assert_str_eq(p, "/nonexistent-kensa/phrases.ja");
	free(p);
	text_unload();
	ck_assert_int_eq(text_load(&cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent-kensa/phrases.ja"));
	free(cause);
	/* every later caller hears it too (each report gets the notice) */
	cause = NULL;
	ck_assert_int_eq(text_load(&cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "/nonexistent-kensa/phrases.ja"));
	free(cause);
	unsetenv("KENSA_DATADIR");
	p = util_data_path("phrases.ja");
	ck_assert_str_eq(p, PKGDATADIR "/phrases.ja");
	free(p);
	if (saved != NULL)
		setenv("KENSA_DATADIR", saved, 1);
	free(saved);
	load_lists();
}
END_TEST

START_TEST(no_text_env)
{
	const char *msg = "From: a@b.example\r\nSubject: 24時間以内にご確認ください\r\n\r\nAma\xe2\x80\x8bzon\r\n";
	struct message *m;
	struct findings fs = { NULL, 0, 0 };
	char *cause = NULL;

	ck_assert_int_eq(message_load_mem(msg, strlen(msg), "t", &m, &cause), 0);
	setenv("KENSA_NO_TEXT", "1", 1);
	text_check(m, NULL, &fs, &cause);
	ck_assert_uint_eq(fs.n, 0);
	unsetenv("KENSA_NO_TEXT");
	text_check(m, NULL, &fs, &cause);
	ck_assert_uint_ge(fs.n, 2);
	findings_free(&fs);
	message_free(m);
}
END_TEST

/* Invalid UTF-8 and odd input never break a span. */
START_TEST(bad_bytes)
{
	const char *in[] = { "\xff\xfe\xe3\x81", "よるく\xe3\x81お願い申し上げます", "\xe2\x80\xae", "\xe2\x80\x8b", "", "a", "ア" };

	for (size_t i = 0; i < N(in); i++) {
		struct findings fs;

		scan(in[i], &fs);
		for (size_t k = 0; k < fs.n; k++)
			ck_assert(fs.v[k].span_start >= 0 && fs.v[k].span_end <= (long)strlen(in[i]) &&
			    fs.v[k].span_start <= fs.v[k].span_end);
		findings_free(&fs);
	}
}
END_TEST

static Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc;

	tc = tcase_create("typo");
	/* correctness only (speed is bench/'s): the long-text case must not trip Check's 4 s default under ASan on a busy machine */
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, typo_positive, 0, N(typo_pos));
	tcase_add_loop_test(tc, typo_negative_hand, 0, N(typo_neg));
	tcase_add_loop_test(tc, typo_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, typo_names_the_phrase);
	tcase_add_test(tc, typo_exact_never);
	tcase_add_test(tc, typo_span_after_normalisation);
	tcase_add_test(tc, typo_on_long_text);
	tcase_add_test(tc, ham_lines_present);
	tcase_add_loop_test(tc, business_clean, 0, N(business_neg));
	suite_add_tcase(s, tc);

	tc = tcase_create("glyph");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, glyph_positive, 0, N(glyph_pos));
	tcase_add_loop_test(tc, glyph_negative_hand, 0, N(glyph_neg));
	tcase_add_loop_test(tc, glyph_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, glyph_needs_japanese);
	suite_add_tcase(s, tc);

	tc = tcase_create("mixed");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, mixed_positive, 0, N(mixed_pos));
	tcase_add_loop_test(tc, mixed_negative_hand, 0, N(mixed_neg));
	tcase_add_loop_test(tc, mixed_negative_ham, 0, HAM_LINES);
	tcase_add_loop_test(tc, styled_positive, 0, N(styled_pos));
	tcase_add_loop_test(tc, styled_negative_hand, 0, N(styled_neg));
	tcase_add_loop_test(tc, styled_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, styled_reads_plain);
	tcase_add_test(tc, mixed_brand_reading);
	tcase_add_test(tc, mixed_names_the_letter);
	suite_add_tcase(s, tc);

	tc = tcase_create("urgency");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, urgency_positive, 0, N(urg_pos));
	tcase_add_loop_test(tc, urgency_negative_hand, 0, N(urg_neg));
	tcase_add_loop_test(tc, urgency_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, urgency_context);
	tcase_add_test(tc, urgency_bounce_info);
	suite_add_tcase(s, tc);

	tc = tcase_create("invisible");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, invisible_positive, 0, N(inv_pos));
	tcase_add_loop_test(tc, invisible_negative_hand, 0, N(inv_neg));
	tcase_add_loop_test(tc, invisible_alphabet_positive, 0, N(inv_alpha_pos));
	tcase_add_loop_test(tc, invisible_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, invisible_evidence);
	tcase_add_test(tc, evidence_escapes_unichar_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("bidi");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_loop_test(tc, bidi_positive, 0, N(bidi_pos));
	tcase_add_loop_test(tc, bidi_negative_hand, 0, N(bidi_neg));
	tcase_add_loop_test(tc, bidi_negative_ham, 0, HAM_LINES);
	tcase_add_test(tc, bidi_shows_the_disguise);
	suite_add_tcase(s, tc);

	tc = tcase_create("messages");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pocketcard_typos);
	tcase_add_test(tc, smartalk_clean);
	tcase_add_loop_test(tc, ham_message_clean, 0, N(ham_messages));
	tcase_add_test(tc, headers_spans);
	tcase_add_test(tc, attachment_bidi);
	suite_add_tcase(s, tc);

	tc = tcase_create("lists");
	tcase_add_unchecked_fixture(tc, ham_setup, NULL);
	tcase_add_test(tc, lists_loaded);
	tcase_add_test(tc, user_lists_extend);
	tcase_add_test(tc, data_path_override);
	tcase_add_test(tc, no_text_env);
	tcase_add_test(tc, bad_bytes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(text_suite());
	int failed;

	message_init();
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
