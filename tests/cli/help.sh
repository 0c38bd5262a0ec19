#!/usr/bin/env bash
# --help is written from the option table (src/settings.c): every setting the
# config file takes is listed with its default, every option it lists is
# taken, an option's value passes the setting's own check, and the command
# line wins over the config file.
. "$top_srcdir/tests/cli/lib.sh"
export HOME=$tmp XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache LC_ALL=C.UTF-8 LANGUAGE=

help=$("$KENSA" --help)
check "--help: exit 0" test $? = 0
check "--help: usage line" grep -q '^usage: kensa ' <<<"$help"
check "--help: an Options section" grep -q '^Options:' <<<"$help"
check "--help: a Settings section" grep -q '^Settings ' <<<"$help"
settings=$(sed -n '/^Settings /,$p' <<<"$help" | sed -n 's/^  \([a-z_]*\).*/\1/p')
options=$(sed -n '/^Options:/,/^$/p' <<<"$help" | sed -n 's/^  \(--[a-z-]*\).*/\1/p')

# The Settings section is the table: every row of settings_table, no other name.
table=$(sed -n '/^const struct setting_def settings_table/,/^};/p' "$top_srcdir/src/settings.c" |
	sed -n 's/^\t{ "\([a-z_]*\)", SETTING_.*/\1/p')
check "the table has rows" test "$(wc -l <<<"$table")" -ge 10
check "--help lists every setting of the table, in its order" test "$settings" = "$table"
check "--help shows a default (network = off)" grep -q '^  network = off ' <<<"$help"
check "--help shows a default (max_message_size = 256M)" grep -q '^  max_message_size = 256M ' <<<"$help"

# Every listed setting is a key the config file takes (its errors, if any, are about the value).
mkdir -p "$XDG_CONFIG_HOME/kensa"
bad=0
for k in $settings; do
	printf '%s = x\n' "$k" >"$tmp/one.conf"
	if "$KENSA" --config "$tmp/one.conf" --version 2>&1 | grep -q 'unknown setting'; then
		echo "# $k: unknown to the config reader"
		bad=1
	fi
done
check "every setting --help lists is a config key" test $bad = 0
printf 'no_such_setting = 1\n' >"$tmp/one.conf"
check "a key --help does not list is refused" sh -c "'$KENSA' --config '$tmp/one.conf' --version 2>&1 | grep -q 'one.conf:1: unknown setting: no_such_setting'"

# Every listed option is taken (with a good value for those that take one).
for o in --geoip-dir --network --no-color --no-cache --keymap --lang --config --weights --version; do
	check "--help lists $o" grep -qx -- "$o" <<<"$options"
done
bad=0
for o in $options; do
	case $o in
	--help) continue ;;
	--config) set -- "$o" /dev/null ;;
	--weights) printf 'severity low 8\n' >"$tmp/w.conf"; set -- "$o" "$tmp/w.conf" ;;
	*) arg=$(sed -n "s/^  $o \([A-Z]*\) .*/\1/p" <<<"$help")
	   case $arg in
	   "") set -- "$o" ;;
	   DIR) set -- "$o" "$tmp" ;;
	   NAME) set -- "$o" vi ;;
	   LANG) set -- "$o" en ;;
	   *) echo "# $o: no value known for $arg"; bad=1; continue ;;
	   esac ;;
	esac
	"$KENSA" "$@" --version >/dev/null 2>"$tmp/err" || { echo "# $*: $(head -1 "$tmp/err")"; bad=1; }
done
check "every option --help lists is taken" test $bad = 0

# An option's value passes the setting's check, and the error names the option.
err=$("$KENSA" --lang fr --version 2>&1); rc=$?
check "--lang fr: exit 2" test $rc = 2
check "--lang fr: the option and the value named" grep -q -- '--lang: .*"fr"' <<<"$err"
err=$("$KENSA" --keymap nosuch --version 2>&1); rc=$?
check "--keymap nosuch: exit 2, named" sh -c "test $rc = 2 && grep -q -- '--keymap: .*nosuch' <<'X'
$err
X"
err=$("$KENSA" --network=yes --version 2>&1); rc=$?
check "--network=yes: a flag takes no value" sh -c "test $rc = 2 && grep -q -- '--network takes no value' <<'X'
$err
X"
err=$("$KENSA" --geoip-dir 2>&1); rc=$?
check "--geoip-dir without its value: exit 2" test $rc = 2

# The command line wins over the config file.
m=$tmp/Maildir
mkdir -p "$m/new" "$m/tmp" "$m/cur"
cp "$(sample 1764487212)" "$m/cur/"
printf 'cache = on\n' >"$XDG_CONFIG_HOME/kensa/config"
"$KENSA" scan --no-cache "$m" >/dev/null
check "config cache = on, --no-cache: no cache written" test -z "$(find "$XDG_CACHE_HOME" -type f 2>/dev/null)"
"$KENSA" scan "$m" >/dev/null
check "config cache = on alone: the cache is written" test -n "$(find "$XDG_CACHE_HOME" -type f 2>/dev/null)"
rm -rf "$XDG_CACHE_HOME"
if locale -a 2>/dev/null | grep -qi '^ja_JP.utf-\?8$' && command -v msgfmt >/dev/null; then
	mkdir -p "$tmp/locale/ja/LC_MESSAGES"
	msgfmt -o "$tmp/locale/ja/LC_MESSAGES/kensa.mo" "$top_srcdir/po/ja.po"
	printf 'lang = ja\n' >"$XDG_CONFIG_HOME/kensa/config"
	ja=$(KENSA_LOCALEDIR=$tmp/locale "$KENSA" report "$(sample 1764487212)")
	check "config lang = ja: Japanese" grep -q '^判定' <<<"$ja"
	en=$(KENSA_LOCALEDIR=$tmp/locale "$KENSA" --lang en report "$(sample 1764487212)")
	check "config lang = ja, --lang en: English" grep -q '^Verdict' <<<"$en"
	jah=$(KENSA_LOCALEDIR=$tmp/locale LC_ALL=C.UTF-8 "$KENSA" --lang ja --help)
	check "--lang ja --help: the option lines in Japanese" grep -q '^  --no-cache  *解析キャッシュを読みも書きもしない' <<<"$jah"
	check "--lang ja --help: the setting lines in Japanese" grep -q '^  cache = on  *解析キャッシュを使う' <<<"$jah"
else
	echo "# no ja_JP.UTF-8 locale here: Japanese help not checked"
fi
finish
