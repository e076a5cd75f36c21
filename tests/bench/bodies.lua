-- bodies.lua: wrk script posting pre-made requests (safe mode: each body is
-- sealed and signed ahead of time), one a line in WRK_BODIES: "query<TAB>body".
local reqs = {}
local i = 0
function init(args)
	for line in io.lines(os.getenv("WRK_BODIES")) do
		local q, b = line:match("^([^\t]*)\t(.*)$")
		reqs[#reqs + 1] = wrk.format("POST", wrk.path .. "?" .. q, { ["Content-Type"] = "text/xml" }, b)
	end
	i = math.random(#reqs)
end
function request()
	i = i % #reqs + 1
	return reqs[i]
end
