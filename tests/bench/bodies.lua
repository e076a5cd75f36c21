-- bodies.lua: wrk script posting pre-made requests (safe mode: each body is
-- sealed and signed ahead of time), one a line in WRK_BODIES: "query<TAB>body".
-- Each of wrk's threads (-t2) takes every second line from its own first,
-- so no two requests of a run are the same push.
local reqs = {}
local i = 0
local tid = 1
local threads = 0
local step = 2
function setup(thread)
	threads = threads + 1
	thread:set("tid", threads)
end
function init(args)
	tid = tonumber(wrk.thread:get("tid")) or 1
	for line in io.lines(os.getenv("WRK_BODIES")) do
		local q, b = line:match("^([^\t]*)\t(.*)$")
		reqs[#reqs + 1] = wrk.format("POST", wrk.path .. "?" .. q, { ["Content-Type"] = "text/xml" }, b)
	end
	i = tid - step
end
function request()
	i = i + step
	if i > #reqs then i = tid end	-- past the end: repeats, answered as duplicates
	return reqs[i]
end
