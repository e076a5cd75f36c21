# 01-http.sh: routing, status pages, headers, static files, size limits.
. "$(dirname "$0")/lib.sh"

get anon /
ok "/ redirects to sign-in" status_is 303
ok "/ goes to /login" location_is /login

get fresh /login
ok "sign-in page" status_is 200
ok "sign-in page has a CSRF token" test -n "$(csrf)"
ok "pre-session CSRF cookie" hdr "set-cookie: wxcsrf=.*HttpOnly; SameSite=Lax"
ok "no-store" hdr "cache-control: no-store"
ok "nosniff" hdr "x-content-type-options: nosniff"
ok "frame denial" hdr "x-frame-options: DENY"
ok "CSP" hdr "content-security-policy: default-src 'self'"
ok "Content-Length" hdr "content-length: [0-9]"

get anon /admin/brands
ok "signed out: redirect" status_is 303
ok "…to sign-in, with the page to return to" location_is "/login?next=/admin/brands"

get anon /no/such/page
ok "unknown path is 404" status_is 404
ok "404 page says so" has "There is nothing at this address"

get anon /console/nothing-here
ok "console unknown path is 404" status_is 404

get anon /logout
ok "GET on a POST-only route is 405" status_is 405
ok "405 names the allowed method" hdr "allow: POST"
ok "405 page says so" has "does not accept that kind of request"

req anon PUT /login
ok "PUT is 405" status_is 405

get anon /static/wxdesk.css
ok "stylesheet served statically" status_is 200
ok "stylesheet type" hdr "content-type: text/css"

# the home-screen icon: every page names the icon and the manifest, which names the icons
get fresh /login
ok "a page names its icon" has '<link rel="icon" href="/static/favicon.png"'
ok "a page names the web-app manifest" has '<link rel="manifest" href="/static/wxdesk.webmanifest">'
get anon /static/wxdesk.webmanifest
ok "the manifest is served" status_is 200
ok "the manifest's type" hdr "content-type: application/manifest+json"
ok "the manifest is JSON that starts at the console" \
	test "$(jq -r '.start_url + " " + .display' <<<"$BODY")" = "/console standalone"
for icon in $(jq -r '.icons[] | .src + "=" + .sizes' <<<"$BODY") /static/favicon.png=32x32; do
	curl -s -o "$WXDESK_VAR/icon.png" "$BASE${icon%%=*}"
	# a PNG's width and height are the big-endian words at bytes 16 and 20
	size=$(od -An -tu1 -j16 -N8 "$WXDESK_VAR/icon.png" |
		awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }')
	ok "icon ${icon%%=*} is a PNG of ${icon#*=}" test "$(head -c4 "$WXDESK_VAR/icon.png" | od -An -c | tr -d ' ')$size" = "211PNG${icon#*=}"
done

# POST without a CSRF token
req anon POST /login --data "login=admin&password=x"
ok "sign-in without CSRF token is refused" status_is 403
ok "CSRF page explains" has "CSRF check failed"

# over the admin program's 256 KB body limit: refused before reading
big=$WXDESK_VAR/big-form
head -c 300000 /dev/zero | tr '\0' 'a' | sed 's/^/name=/' >"$big"
req anon POST /login -H "Content-Type: application/x-www-form-urlencoded" --data-binary "@$big"
ok "oversized form is 413" status_is 413
ok "413 page names the limit" has "The limit is 256 KB"

# a multipart upload with a file over the per-file limit
head -c 200000 /dev/urandom >"$WXDESK_VAR/big.bin"
req anon POST /login -F "csrf=x" -F "f=@$WXDESK_VAR/big.bin"
ok "oversized file part is 413" status_is 413

req anon POST /login -H "Content-Type: multipart/form-data; boundary=zz" --data-binary "garbage"
ok "malformed multipart is 400" status_is 400

get anon "/login%00x"
ok "NUL in the path is 400" status_is 400

# JSON routes answer errors in JSON: any path under /api/
get anon /console/api/nothing
ok "unknown API path is JSON 404" status_is 404
ok "JSON error body" has '"error":'
done_tests
