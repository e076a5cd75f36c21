#!/usr/bin/env bash
# vectors.sh BUILD: checks src/wx.c (through BUILD/bin/wxdesk-wx) against
# every public test vector in ../shared/vectors: signatures, decryption,
# encryption, parsing, and the refusal of XXE and malformed XML.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${1:-build}
V=${WXDESK_VECTORS:-$ROOT/../shared/vectors}
W=$ROOT/$B/bin/wxdesk-wx
pass=0 fail=0
t() {
	local desc=$1; shift
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $desc"; fi
}
eq() { [ "$1" = "$2" ] || { printf '  got:  %s\n  want: %s\n' "${1:0:200}" "${2:0:200}"; false; }; }
j() { jq -r "$2" "$V/$1"; }

[ -d "$V" ] || { echo "no vectors at $V"; echo "0 passed, 1 failed"; exit 1; }
[ -x "$W" ] || { echo "not built: $W"; echo "0 passed, 1 failed"; exit 1; }

# --- signatures
f=sig-generic-sort-concat.json
for i in $(seq 0 $(($(j $f '.cases|length') - 1))); do
	mapfile -t parts < <(j $f ".cases[$i].inputs.parts[]")
	t "$f case $i" eq "$("$W" sign "${parts[@]}")" "$(j $f ".cases[$i].expected.sha1_hex")"
done
f=sig-official-docs-token-AAAAA.json
for i in 0 1; do
	q=".cases[$i].inputs"
	t "$f case $i" eq "$("$W" sign "$(j $f "$q.token")" "$(j $f "$q.query.timestamp")" \
		"$(j $f "$q.query.nonce")")" "$(j $f "$q.query.signature")"
done
f=sig-wechat-crypto-msg-signature.json
t "$f" eq "$("$W" sign "$(j $f .inputs.token)" "$(j $f .inputs.timestamp)" \
	"$(j $f .inputs.nonce)" "$(j $f .inputs.encrypt)")" "$(j $f .expected.msg_signature)"
f=sig-wechatpy-check-signature.json
for i in 0 1; do
	q=".cases[$i].inputs"
	got=$("$W" sign "$(j $f "$q.token")" "$(j $f "$q.timestamp")" "$(j $f "$q.nonce")")
	valid=false
	[ "$got" = "$(j $f "$q.signature")" ] && valid=true
	t "$f case $i valid=$valid" eq "$valid" "$(j $f ".cases[$i].expected.valid")"
done
t "an empty part is refused" eval '! "$W" sign "" a b 2>/dev/null'

# --- decryption: envelope → msg_signature → decrypt → receive id → fields
flat_expected() {	# file jq-path-to-object: sorted path=value lines
	jq -r "$2"' | [paths(scalars) as $p | ($p | map(select(type == "string")) | join("."))
		+ "=" + (getpath($p) | tostring | gsub("\\\\"; "\\\\\\\\") | gsub("\n"; "\\n")
		| gsub("\r"; "\\r"))] | sort | .[]' "$V/$1"
}
decrypt_case() {	# file receive-id-field
	local f=$1 rid=$2 body enc key
	body=$(j $f .inputs.post_body)
	enc=$(printf '%s' "$body" | "$W" parse | sed -n 's/^Encrypt=//p')
	key=$(j $f .inputs.encoding_aes_key)
	t "$f: Encrypt found in the envelope" test -n "$enc"
	got=$("$W" sign "$(j $f .inputs.token)" "$(j $f .inputs.query.timestamp)" \
		"$(j $f .inputs.query.nonce)" "$enc")
	t "$f: msg_signature" eq "$got" "$(j $f .inputs.query.msg_signature)"
	xml=$(printf '%s' "$enc" | "$W" decrypt "$key" "$(j $f ".inputs.$rid")")
	t "$f: decrypts for its receive id" test $? = 0
	t "$f: plaintext" eq "$xml" "$(j $f .expected.decrypted.msg_xml)"
	t "$f: fields" eq "$(printf '%s' "$xml" | "$W" parse | sort)" \
		"$(flat_expected $f .expected.decrypted_fields)"
	printf '%s' "$enc" | "$W" decrypt "$key" wx0000000000000000 >/dev/null 2>"$T/err"
	t "$f: another App ID is refused" grep -q -- "-40005" "$T/err"
	printf '%s' "${enc:0:40}AAAA${enc:44}" | "$W" decrypt "$key" >/dev/null 2>&1
	t "$f: a damaged ciphertext is refused" test $? != 0
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
decrypt_case crypto-official-sample-decrypt.json appid
decrypt_case crypto-easywechat-decrypt.json appid
decrypt_case crypto-wechatpy-wecom-decrypt.json receive_id
decrypt_case crypto-wecom-official-sample-decrypt.json receive_id
f=crypto-easywechat-decrypt.json
enc=$(j $f .inputs.post_body | "$W" parse | sed -n 's/^Encrypt=//p')
got=$("$W" sign "$(j $f .inputs.token)" "$(j $f .inputs.query.timestamp)" "$(j $f .inputs.query.nonce)" "$enc")
t "$f negative: a wrong msg_signature does not match" test "$got" != "$(j $f '.negative_cases[0].change.msg_signature')"
printf '%s' "$enc" | "$W" decrypt "$(j $f .inputs.encoding_aes_key)" "$(j $f '.negative_cases[1].change.appid')" >/dev/null 2>"$T/err"
t "$f negative: the configured App ID must match" grep -q -- "-40005" "$T/err"

f=crypto-wechatpy-wecom-verifyurl-echostr.json
for i in 0 1; do
	q=".cases[$i].inputs"
	got=$("$W" sign "$(j $f "$q.token")" "$(j $f "$q.timestamp")" "$(j $f "$q.nonce")" "$(j $f "$q.echostr")")
	valid=false
	[ "$got" = "$(j $f "$q.msg_signature")" ] && valid=true
	t "$f case $i valid=$valid" eq "$valid" "$(j $f ".cases[$i].expected.valid")"
	if [ "$valid" = true ]; then
		t "$f case $i echostr" eq "$(j $f "$q.echostr" | "$W" decrypt "$(j $f "$q.encoding_aes_key")" \
			"$(j $f "$q.receive_id")")" "$(j $f ".cases[$i].expected.response_body")"
	fi
done

# --- encryption: deterministic with the vector's random bytes
f=crypto-wxjava-aes-encrypt.json
for i in 0 1; do
	got=$(j $f ".cases[$i].inputs.plaintext" | tr -d '\n' | "$W" encrypt \
		"$(j $f .common_inputs.encoding_aes_key)" "$(j $f .common_inputs.appid)" \
		"$(j $f .common_inputs.random16_ascii)")
	t "$f case $i" eq "$got" "$(j $f ".cases[$i].expected.Encrypt")"
done
encrypt_reply() {	# file inputs-path random-path appid-field case-path
	local f=$1 ci=$2 ri=$3 rid=$4 cp=$5 enc
	enc=$(jq -j "$cp.inputs.reply_plaintext" "$V/$f" | "$W" encrypt \
		"$(j $f "$ci.encoding_aes_key")" "$(j $f "$ci.$rid")" "$(j $f "$ri")")
	t "$f $cp: Encrypt" eq "$enc" "$(j $f "$cp.expected.Encrypt")"
	t "$f $cp: MsgSignature" eq "$("$W" sign "$(j $f "$ci.token")" "$(j $f "$ci.timestamp")" \
		"$(j $f "$ci.nonce")" "$enc")" "$(j $f "$cp.expected.MsgSignature")"
}
encrypt_reply crypto-ruby-specs-encrypt-reply.json .common_inputs .common_inputs.random16_ascii appid .cases[0]
encrypt_reply crypto-ruby-specs-encrypt-reply.json .common_inputs .common_inputs.random16_ascii appid .cases[1]
encrypt_reply crypto-wechatpy-wecom-encrypt-reply.json .inputs .inputs.random16_ascii receive_id ""

# --- parsing: every sample, fields exactly as expected
for f in parse-wechatpy-messages.json parse-wechatpy-events.json \
	parse-chanxuehong-captured.json parse-wxjava-all-fields.json; do
	for i in $(seq 0 $(($(j $f '.cases|length') - 1))); do
		name=$(j $f ".cases[$i].name")
		got=$(jq -j ".cases[$i].xml" "$V/$f" | "$W" parse | sort)
		t "$f: $name" eq "$got" "$(flat_expected $f ".cases[$i].expected_fields")"
	done
done
f=parse-reject-xxe-and-malformed.json
for i in $(seq 0 $(($(j $f '.cases|length') - 1))); do
	name=$(j $f ".cases[$i].name")
	want=$(j $f ".cases[$i].expected")
	jq -j ".cases[$i].xml" "$V/$f" | "$W" parse >/dev/null
	rc=$?
	case $want in
	reject*) t "$f: $name is refused" test $rc != 0 ;;
	*) t "$f: $name is accepted" test $rc = 0 ;;
	esac
done
# more hostile input of our own: billion laughs, PI, XInclude, deep nesting, huge
for x in '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><xml><C>&b;</C></xml>' \
	'<xml><?php evil ?><C>x</C></xml>' \
	'<xml xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></xml>' \
	'<xml><a><b><c><d><e><f><g><h><i>deep</i></h></g></f></e></d></c></b></a></xml>' \
	'<notxml><C>x</C></notxml>' '<xml><C>&amp;&lt;</C></xml><xml/>' '<xml><C>x</C>'; do
	printf '%s' "$x" | "$W" parse >/dev/null
	t "refused: ${x:0:50}" test $? != 0
done
head -c 70000 /dev/zero | tr '\0' 'a' | sed 's/^/<xml><C>/;s/$/<\/C><\/xml>/' | "$W" parse >/dev/null
t "refused: over 64 KB" test $? != 0
t "predefined entities still decode" eq "$(printf '<xml><C>a&amp;b</C></xml>' | "$W" parse)" "C=a&b"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
