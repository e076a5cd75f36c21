// peer.js: make bench's Node.js peer. A WeChat webhook as a Node.js shop
// would write it: express, the wechat middleware (signature check, XML
// parse) and one mysql2 INSERT per push, answered once it is committed.
// It checks less than wxdesk (no freshness or nonce, one small row, no chat)
// and runs one process, as such a service usually starts.
//   PEER_PORT     the port to listen on (loopback)
//   PEER_SOCKET   MariaDB's socket; the table is wxbench.peer
//   PEER_TOKEN    the account's Token
'use strict';
const express = require('express');
const wechat = require('wechat');
const mysql = require('mysql2');

const pool = mysql.createPool({
	socketPath: process.env.PEER_SOCKET, user: 'root', database: 'wxbench',
	connectionLimit: 32, charset: 'utf8mb4',
});
const app = express();
app.use('/peer', wechat(process.env.PEER_TOKEN || 'benchtoken', (req, res) => {
	const m = req.weixin;
	pool.execute('INSERT INTO peer (msg_id, from_user, body) VALUES (?, ?, ?)',
		[String(m.MsgId), m.FromUserName, m.Content || ''], (err) => {
			if (err && err.code !== 'ER_DUP_ENTRY') {
				res.writeHead(503);
				res.end();
				return;
			}
			res.reply('');
		});
}));
app.listen(Number(process.env.PEER_PORT), '127.0.0.1', () => {
	process.stdout.write('listening\n');
});
