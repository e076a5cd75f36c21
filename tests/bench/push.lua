-- push.lua: wrk script posting signed WeChat text pushes, each with its own MsgId.
-- WRK_QUERY holds signature/timestamp/nonce (the plain signature does not cover the body).
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
local query = os.getenv("WRK_QUERY")
local to = os.getenv("WRK_TO") or "gh_bench"
local run = os.getenv("WRK_RUN") or "1"
function request()
	counter = counter + 1
	local id = string.format("%s%02d%012d", run, tid, counter)
	local body = "<xml><ToUserName><![CDATA[" .. to .. "]]></ToUserName><FromUserName><![CDATA[oBench" ..
		tid .. "_" .. (counter % 500) .. "]]></FromUserName><CreateTime>1700000000</CreateTime>" ..
		"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[bench message 你好]]></Content><MsgId>" ..
		id .. "</MsgId></xml>"
	return wrk.format("POST", wrk.path .. "?" .. query, { ["Content-Type"] = "text/xml" }, body)
end
