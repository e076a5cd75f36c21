-- push.lua: wrk script posting signed WeChat text pushes, each with its own
-- MsgId and its own signed URL (timestamp now, a nonce never used before), as
-- WeChat sends them: the webhook refuses a signed URL used twice or stale.
-- WRK_TOKEN is the channel's Token; SHA-1 comes from OpenSSL's libcrypto.
local ffi = require("ffi")
ffi.cdef [[unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md);]]
local ok, crypto = pcall(ffi.load, "crypto")
if not ok then crypto = ffi.load("libcrypto.so.3") end
local md = ffi.new("unsigned char[20]")
local function sha1hex(s)
	crypto.SHA1(s, #s, md)
	local t = {}
	for i = 0, 19 do t[i + 1] = string.format("%02x", md[i]) end
	return table.concat(t)
end

local counter = 0
local tid = 0
local threads = 0
function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end
function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 1
end
local token = os.getenv("WRK_TOKEN") or "benchtoken"
local to = os.getenv("WRK_TO") or "gh_bench"
local run = os.getenv("WRK_RUN") or "1"
function request()
	counter = counter + 1
	local id = string.format("%s%02d%012d", run, tid, counter)
	local ts, nonce = tostring(os.time()), id
	local parts = { token, ts, nonce }
	table.sort(parts)	-- byte order: wrk runs in the C locale
	local query = "signature=" .. sha1hex(table.concat(parts)) .. "&timestamp=" .. ts ..
		"&nonce=" .. nonce
	local body = "<xml><ToUserName><![CDATA[" .. to .. "]]></ToUserName><FromUserName><![CDATA[oBench" ..
		tid .. "_" .. (counter % 500) .. "]]></FromUserName><CreateTime>" .. ts .. "</CreateTime>" ..
		"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[bench message 你好]]></Content><MsgId>" ..
		id .. "</MsgId></xml>"
	return wrk.format("POST", wrk.path .. "?" .. query, { ["Content-Type"] = "text/xml" }, body)
end
