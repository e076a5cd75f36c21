# 47-search.sh: search that understands Chinese (src/search.h, 060). The
# console's search finds a two-character word inside a sentence, ranks the
# chat that says it most first and marks the word in the line it shows;
# full-width letters find their ASCII; every term must be there; a
# follower's erased words are gone from the index; the index keeps up with
# the messages by itself.
. "$(dirname "$0")/lib.sh"
own_channel "Search Brand"
sign_in op operator "$(demo_pw operator)"
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$1' AND c.state <> 'closed'"; }
find() { get op "/console/?tab=${2:-waiting}&q=$(jq -rn --arg q "$1" '$q|@uri')"; }
listed() { grep -o 'href="/console/chats/[0-9]*"' <<<"$BODY" | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//'; }

A=oSrA$(openssl rand -hex 3) B=oSrB$(openssl rand -hex 3) C=oSrC$(openssl rand -hex 3) D=oSrD$(openssl rand -hex 3)
sim_phone "$A" -F action=text -F "text=你好，我想问一下菠萝什么时候到货"
sim_phone "$B" -F action=text -F "text=菠萝菠萝菠萝！三天了还没菠萝"
sim_phone "$C" -F action=text -F "text=我的 Xiaomi 14 屏幕坏了"
sim_phone "$D" -F action=text -F "text=发货了吗"
CA=$(chat_of "$A") CB=$(chat_of "$B") CC=$(chat_of "$C") CD=$(chat_of "$D")
ok "four chats, waiting" test -n "$CA" -a -n "$CB" -a -n "$CC" -a -n "$CD"

find "菠萝"
ok "a two-character word inside a sentence: both chats that say it, none that does not" eval 'test "$(listed)" = "$CB $CA" || test "$(listed)" = "$CA $CB"'
ok "…the one that says it most, first" test "$(listed | cut -d" " -f1)" = "$CB"
ok "…the word marked in the line shown" eval 'grep -qF "<mark>菠萝</mark>什么时候到货" <<<"$BODY"'
find "萝什"
ok "two characters that span two words still match (pairs of characters)" test "$(listed)" = "$CA"
find "ｘｉａｏｍｉ　１４"
ok "full-width letters and digits find their ASCII" eval 'test "$(listed)" = "$CC" && grep -qF "<mark>Xiaomi</mark> <mark>14</mark>" <<<"$BODY"'
find "XIAOMI"
ok "…and any case" test "$(listed)" = "$CC"
find "菠萝，到货"
ok "every term must be there (punctuation separates terms)" test "$(listed)" = "$CA"
find "榴莲"
ok "a word nobody wrote: nothing" test -z "$(listed)"
ok "…said as no match, not as nobody waiting, with the closed chats' search a click away" eval 'has "id=\"no-match\"" && has "No chat in this list matches" && ! has "nobody is waiting" && has "/console/?tab=closed&amp;q=%E6%A6%B4%E8%8E%B2"'
find "%_"
ok "nothing searchable (signs only): no chat by text" test -z "$(listed)"
ok "the index has each message once" test "$(sqlq "SELECT COUNT(*) FROM search_messages WHERE chat_id IN ($CA, $CB, $CC, $CD)")" = 4

# the worker keeps the index up with the messages by itself
sim_phone "$D" -F action=text -F "text=顺丰快递单号多少"
indexed() { test "$(sqlq "SELECT COUNT(*) FROM search_messages WHERE chat_id = $CD")" = 2; }
ok "a new message is indexed by the worker without a search" eventually indexed

# a follower's words erased (an account that erases on unfollow)
sqlq "UPDATE channel_prefs SET erase_on_unfollow = 1 WHERE channel_id = $CH" >/dev/null
sim_phone "$A" -F action=unfollow
find "到货" closed
ok "an erased follower's words are found no more (their chat closed)" eval 'test "$(sqlq "SELECT state FROM chats WHERE id = $CA")" = closed && test -z "$(listed)"'

ok "…and gone from this node's index" test "$(sqlq "SELECT COUNT(*) FROM search_messages s JOIN followers f ON f.id = s.follower_id WHERE f.openid = '$A'")" = 0
done_tests
