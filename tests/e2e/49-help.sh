# 49-help.sh: the guides in the browser (src/help.h). /help/<guide> shows
# docs/<lang>/<guide>.md in the reader's language (?lang= the other), each
# part with its anchor, every text escaped, links between guides made
# /help/ links; each page's Help link opens the part about it; a guide
# that does not exist is a 404; the guides' pictures are served as files.
. "$(dirname "$0")/lib.sh"
own_channel "Help Brand"
sign_in op operator "$(demo_pw operator)"
sign_in adm admin "$(demo_pw admin)"

get op "/help/operator?lang=en"
ok "the operator's guide, in English: its title and its parts, each with its anchor" eval 'status_is 200 && has "<h1>Operator&#39;s guide</h1>" && has "<h2 id=\"windows\">" && has "<h2 id=\"console\">"'
ok "…a code span's text escaped, never markup" eval 'has "<code>/console/</code>" && ! grep -q "<brand>" <<<"$BODY"'
guides() { sed -n '/<nav class="guides"/,/<\/nav>/p' <<<"$BODY" | grep -o 'href="/help/[a-z]*"' | tr '\n' ' '; }
ok "…the operator offered their own guide alone, and the other language" eval 'test "$(guides)" = "href=\"/help/operator\" " && has "href=\"/help/operator?in=zh-CN\""'
get adm "/help/operator"
ok "an administrator offered every guide" test "$(guides)" = 'href="/help/operator" href="/help/admin" href="/help/operations" href="/help/contributing" href="/help/capacity" '
get op "/help/operator?in=zh-CN"
ok "the other language's guide alone: the reader's pages keep theirs" eval '! grep -qi "^set-cookie: wxlang" <<<"$HEADERS" && has "<html lang=\"en\""'
ok "…and in Chinese: the same parts" eval 'status_is 200 && has "<h1>客服手册</h1>" && has "<h2 id=\"windows\">" && has "<h2 id=\"console\">"'
get op "/help/operations"
ok "the operations guide, a table of make targets as a table" eval 'status_is 200 && has "<table>" && has "<code>make bench</code>"'
get op "/help/nothing"
ok "a guide that does not exist: 404" status_is 404

get op "/console/"
ok "the console's Help link opens the operator's guide at the console" has 'class="help-link" href="/help/operator#console"'
get adm "/admin/channels/$CH/bot"
ok "an account's chatbot page: the administrator's guide at the chatbot" has 'class="help-link" href="/help/admin#bot"'
get adm "/console/kb"
ok "the knowledge base: its part" has 'class="help-link" href="/help/admin#kb"'
get adm "/reports/"
ok "the reports: theirs" has 'class="help-link" href="/help/admin#reports"'
# every Help link names a part that the guide has, in both languages
for link in "/help/operator#console" "/help/admin#bot" "/help/admin#kb" "/help/admin#reports" "/help/admin#connect" "/help/admin#followers"; do
	g=${link%%#*} part=${link#*#}
	for l in en zh-CN; do
		get op "$g?lang=$l"
		grep -q "id=\"$part\"" <<<"$BODY" || echo "missing: $l $link"
	done
done >"$WXDESK_VAR/help-missing"
ok "every part a Help link names is in its guide, in both languages" test ! -s "$WXDESK_VAR/help-missing"

curl -s -o /dev/null -w '%{http_code} %{content_type}' "$BASE/help/shots/guide-console.jpg" >"$WXDESK_VAR/shot"
ok "a guide's picture is served as a file" grep -q "^200 image/jpeg" "$WXDESK_VAR/shot"
done_tests
