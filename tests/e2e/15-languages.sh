# 15-languages.sh: Simplified Chinese and English. Before sign-in the
# browser's Accept-Language (or the page's switch) decides; an account's own
# choice on "My account" overrides the header; error pages and JSON errors
# follow the reader's language; a brand chooses its followers' language.
. "$(dirname "$0")/lib.sh"
ZH=(-H "Accept-Language: zh-CN,zh;q=0.9,en;q=0.5")
EN=(-H "Accept-Language: en-US,en;q=0.9")

# --- before sign-in: the header decides
get anon /login "${ZH[@]}"
ok "zh-CN asks for Chinese: <html lang>" has '<html lang="zh-CN">'
ok "…the sign-in page in Chinese" has "登录 wxdesk"
ok "…no English left on it" sh -c '! grep -q "Sign in" "$1"' _ "$WXDESK_VAR/last-body"
get anon /login "${EN[@]}"
ok "en-US asks for English" has '<html lang="en">'
ok "…the sign-in page in English" has "Sign in to wxdesk"
get anon /login -H "Accept-Language: fr-FR"
ok "a language wxdesk does not speak: the configured default (English)" has '<html lang="en">'
# the switch on the page: a cookie, kept for later visits
get switcher "/login?lang=zh-CN" "${EN[@]}"
ok "?lang=zh-CN switches to Chinese" has '<html lang="zh-CN">'
ok "…and remembers it" hdr "set-cookie: wxlang=zh-CN"
get switcher /login "${EN[@]}"
ok "…over the header, on the next page" has '<html lang="zh-CN">'

# --- errors in the reader's language
get anon /nowhere "${ZH[@]}"
ok "404 page in Chinese" test "$STATUS" = 404 -a -n "$(grep -F "页面不存在" <<<"$BODY")"
get anon /nowhere "${EN[@]}"
ok "404 page in English" has "Page not found"
get anon /console/poll "${ZH[@]}"
ok "a JSON error in Chinese" test "$STATUS" = 401 -a -n "$(grep -F "请重新登录" <<<"$BODY")"
get anon /console/poll "${EN[@]}"
ok "a JSON error in English" has "Please sign in again."
req anon POST /login "${ZH[@]}" --data "login=operator&password=x"
ok "a refused form in Chinese (CSRF)" test "$STATUS" = 403 -a -n "$(grep -F "CSRF 校验未通过" <<<"$BODY")"

# --- signed in: the account's choice overrides the header
rm -f "$JARS/op"
get op /login "${ZH[@]}"
tok=$(csrf)
req op POST /login "${ZH[@]}" --data-urlencode "csrf=$tok" --data-urlencode "login=operator" \
	--data-urlencode "password=wrong password"
ok "a wrong password, said in Chinese" has "登录名或密码错误"
get op /login "${ZH[@]}"
tok=$(csrf)
req op POST /login "${ZH[@]}" --data-urlencode "csrf=$tok" --data-urlencode "login=operator" \
	--data-urlencode "password=$(demo_pw operator)"
get op /console/ "${ZH[@]}"
ok "an account that never chose follows the header: the console in Chinese" has "工作台"
ok "…its tabs" has "排队中"
get op /account "${ZH[@]}"
ok "My account offers both languages" test -n "$(grep -F 'value="en"' <<<"$BODY")" -a -n "$(grep -F 'value="zh-CN"' <<<"$BODY")"
tok=$(csrf)
req op POST /account "${ZH[@]}" --data-urlencode "csrf=$tok" --data-urlencode "language=en"
ok "choosing English is saved" test "$(sqlq "SELECT language FROM users WHERE login = 'operator'")" = en
get op /console/ "${ZH[@]}"
ok "…and overrides a Chinese browser" has '<html lang="en">'
ok "…the console in English" has "My chats"
get op /nowhere "${ZH[@]}"
ok "…error pages too" has "Page not found"
get op /account "${ZH[@]}"
tok=$(csrf)
req op POST /account "${ZH[@]}" --data-urlencode "csrf=$tok" --data-urlencode "language=xx"
ok "an unknown language is refused" test "$STATUS" = 422
ok "…and the choice kept" test "$(sqlq "SELECT language FROM users WHERE login = 'operator'")" = en
get op /account "${EN[@]}"
tok=$(csrf)
req op POST /account "${EN[@]}" --data-urlencode "csrf=$tok" --data-urlencode "language=zh-CN"
get op /console/ "${EN[@]}"
ok "choosing 简体中文 overrides an English browser" has '<html lang="zh-CN">'
get op /account "${EN[@]}"
tok=$(csrf)
req op POST /account "${EN[@]}" --data-urlencode "csrf=$tok" --data-urlencode "language="
ok "\"as my browser asks\" forgets the choice" test "$(sqlq "SELECT IFNULL(language, 'none') FROM users WHERE login = 'operator'")" = none
get op /console/ "${EN[@]}"
ok "…and the header decides again" has '<html lang="en">'

# --- a brand's followers' language
sign_in adm admin "$(demo_pw admin)"
demo=$(sqlq "SELECT id FROM brands WHERE name = 'Demo'")
ok "a brand's followers get Chinese unless it chooses" test "$(sqlq "SELECT follower_language FROM brands WHERE id = $demo")" = zh-CN
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/language" "follower_language=en"
ok "the brand chooses English" test "$(sqlq "SELECT follower_language FROM brands WHERE id = $demo")" = en
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/language" "follower_language=klingon"
ok "…an unknown one is refused" test "$STATUS" = 422 -a "$(sqlq "SELECT follower_language FROM brands WHERE id = $demo")" = en
TOKEN_PAGE="/admin/brands/$demo" post adm "/admin/brands/$demo/language" "follower_language=zh-CN"
ok "…and back" test "$(sqlq "SELECT follower_language FROM brands WHERE id = $demo")" = zh-CN
done_tests
